"""Report generation, in a blueprint registered as `reports.bp`."""

import azure.functions as func

bp = func.Blueprint()


@bp.timer_trigger(schedule="0 0 * * * *", arg_name="tick")
@bp.blob_input(arg_name="template", path="templates/report.html", connection="OrdersStorage")
@bp.blob_output(arg_name="report", path="reports/{rand-guid}.html", connection="OrdersStorage")
def hourly_report(tick: func.TimerRequest, template: str, report: func.Out[str]) -> None:
    report.set(template)
