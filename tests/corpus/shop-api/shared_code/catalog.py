"""A tiny in-memory catalog standing in for a real product store.

Product names are deliberately international: 抹茶ラテ, Crème brûlée, ☕ Espresso.
"""
from typing import Dict, List, Optional

PRODUCTS: Dict[int, dict] = {
    1: {"id": 1, "category": "coffee", "name": "☕ Espresso", "price": 2.40},
    2: {"id": 2, "category": "tea", "name": "抹茶ラテ", "price": 3.90},
    3: {"id": 3, "category": "dessert", "name": "Crème brûlée", "price": 5.10},
    4: {"id": 4, "category": "coffee", "name": "Flat white", "price": 3.20},
}


def by_category(category: str) -> List[dict]:
    return [p for p in PRODUCTS.values() if p["category"] == category.lower()]


def get(product_id: int) -> Optional[dict]:
    return PRODUCTS.get(product_id)


def search(text: str) -> List[dict]:
    needle = text.casefold()
    return [p for p in PRODUCTS.values() if needle in p["name"].casefold()]


def next_id() -> int:
    return max(PRODUCTS) + 1
