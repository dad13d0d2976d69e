import logging


def main(context: str) -> str:
    """An MCP tool without arguments; the return value is the tool result."""
    logging.info("hello_mcp invoked with %s", context)
    return "Hello I am an MCP tool!"
