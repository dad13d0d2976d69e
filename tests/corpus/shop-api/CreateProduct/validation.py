from typing import List

REQUIRED_FIELDS = ("name", "category", "price")


def problems(body: dict) -> List[str]:
    found = [f"'{f}' is required" for f in REQUIRED_FIELDS if f not in body]
    price = body.get("price")
    if price is not None and (not isinstance(price, (int, float)) or price < 0):
        found.append("'price' must be a non-negative number")
    if not str(body.get("category", "")).isalpha():
        found.append("'category' must contain letters only")
    return found
