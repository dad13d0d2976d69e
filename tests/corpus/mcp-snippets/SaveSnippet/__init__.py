import json

import azure.functions as func


def main(file: func.Out[str], context: str) -> str:
    arguments = json.loads(context).get("arguments", {})
    name = arguments.get("snippetname")
    snippet = arguments.get("snippet")

    if not name:
        return "No snippet name provided"
    if not snippet:
        return "No snippet content provided"

    file.set(snippet)
    return f"Snippet '{name}' saved successfully"
