"""Helpers shared by the Shop API functions (imported as `shared_code`)."""
