"""The decorator (v2) programming model: what the installed library declares, and a static
reader of `function_app.py` and its blueprints that produces the same function model as a
function.json folder."""
