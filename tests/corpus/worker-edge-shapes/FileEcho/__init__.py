import mimetypes

import azure.functions


def main(req: azure.functions.HttpRequest, content: bytes) -> azure.functions.HttpResponse:
    name = req.route_params["name"]
    if content is None:
        return azure.functions.HttpResponse(f"{name} not found", status_code=404)

    mimetype, _ = mimetypes.guess_type(name)
    return azure.functions.HttpResponse(
        content,
        mimetype=mimetype or "application/octet-stream",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )
