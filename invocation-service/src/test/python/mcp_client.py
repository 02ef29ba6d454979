# Drives Switchboard's /mcp with the official Python SDK, as an agent developer's code would, and prints what it saw
# as one JSON line. A check run by hand against `bin/switchboard up` (README, "MCP clients"): the build does not install
# it, since PyPI is not among the registries the build counts on.
#   python mcp_client.py <streamable|sse> <url> <api key> <mode: legacy|auto|2026-07-28> <tool to call> [listen]
# It lists tools, calls the named tool with progress, reads the first resource and, with "listen", prints
# "listening" once its tools/list_changed subscription is acknowledged and waits up to 30 s for one change.
import asyncio
import json
import sys

import anyio
import httpx2
from mcp import Client, ClientSession
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client

kind, url, key, mode, tool = sys.argv[1:6]
listen = sys.argv[6:] == ["listen"]
headers = {"X-API-Key": key}


async def exercise(session, out):
    out["tools"] = [t.name for t in (await session.list_tools()).tools]
    progress = []

    async def on_progress(value, total, message):
        progress.append(value)

    result = await session.call_tool(tool, {"duration": 1, "steps": 3}, progress_callback=on_progress)
    out["call"] = {"isError": bool(result.is_error), "text": result.content[0].text if result.content else None}
    out["progress"] = progress
    resources = (await session.list_resources()).resources
    out["read"] = [str(c.uri) for c in (await session.read_resource(resources[0].uri)).contents] if resources else []


async def main():
    out = {}
    try:
        if kind == "sse":
            async with sse_client(url, headers=headers) as (read, write), ClientSession(read, write) as session:
                out["protocolVersion"] = (await session.initialize()).protocol_version
                await exercise(session, out)
        else:
            async with httpx2.AsyncClient(headers=headers, timeout=60) as http:
                async with Client(streamable_http_client(url, http_client=http), mode=mode, raise_exceptions=True) as client:
                    out["protocolVersion"] = client.protocol_version
                    await exercise(client, out)
                    if listen:
                        async with client.listen(tools_list_changed=True) as subscription:
                            out["honored"] = subscription.honored.model_dump(by_alias=True, exclude_none=True)
                            print("listening", flush=True)
                            out["changed"] = False
                            with anyio.move_on_after(30):
                                async for _ in subscription:
                                    out["changed"] = True
                                    break
                            out["toolsAfterChange"] = [t.name for t in (await client.list_tools()).tools]
    except Exception as e:  # the test reads what failed from the output
        out["error"] = repr(e)
    print(json.dumps(out), flush=True)


asyncio.run(main())
