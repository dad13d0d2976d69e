import os

import azure.functions as func
import httpx


async def fetch_rates(req: func.HttpRequest) -> func.HttpResponse:
    base = req.route_params["base"].upper()
    async with httpx.AsyncClient(timeout=10) as client:
        upstream = await client.get(os.environ["RATES_API_URL"], params={"base": base})

    if upstream.status_code != 200:
        return func.HttpResponse(f"Upstream error {upstream.status_code}", status_code=502)
    return func.HttpResponse(upstream.text, mimetype="application/json")
