"""A one-tool MCP server over stdio on the official Python SDK (FastMCP), for mcpo to proxy: `echo` returns its input."""
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("conformance-stdio")


@mcp.tool()
def echo(text: str) -> str:
    """Returns its input."""
    return text


if __name__ == "__main__":
    mcp.run()
