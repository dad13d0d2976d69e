"""Admin endpoints, in a blueprint."""

import azure.functions as func

admin = func.Blueprint()


@admin.route(route="manage/health", methods=["GET", "HEAD"])
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")


@admin.function_name("AdminPurge")
@admin.route(route="manage/purge", methods=["POST"], auth_level="admin")
def purge(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(status_code=204)
