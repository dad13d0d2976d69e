"""Corpus module: same imports and signatures as the original app, minimal bodies."""



def main(name: str) -> str:
    """Minimal body for the corpus."""
    return "done"
