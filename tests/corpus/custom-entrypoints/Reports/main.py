import calendar
import json

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    year = int(req.route_params["year"])
    month = int(req.route_params["month"])
    _, days = calendar.monthrange(year, month)
    report = {
        "period": f"{year}-{month:02d}",
        "days": days,
        "weekends": sum(1 for d in range(1, days + 1) if calendar.weekday(year, month, d) >= 5),
    }
    return func.HttpResponse(json.dumps(report), mimetype="application/json")
