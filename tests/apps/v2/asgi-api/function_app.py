"""A FastAPI app served through AsgiFunctionApp."""

import azure.functions as func
import fastapi

api = fastapi.FastAPI()


@api.get("/hello/{name}")
async def hello(name: str) -> dict[str, str]:
    return {"hello": name}


app = func.AsgiFunctionApp(app=api, http_auth_level=func.AuthLevel.ANONYMOUS)
