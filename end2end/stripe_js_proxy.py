"""Serves localstripe's fake Stripe.js with its top-level declarations kept
to a block, and forwards every other request to localstripe.

localstripe's script declares `class Element` at the top level of a classic
script, which shadows the DOM's `Element` for every script of the page,
the WebAssembly glue's `instanceof Element` checks included, so Leptos can
no longer insert nodes after it loads. Real Stripe.js declares no such
global. Wrapped in `{ ... }`, the class stays local to the script while its
`Stripe = ...` assignment still defines the global `Stripe`.

Usage: python3 stripe_js_proxy.py LISTEN_PORT LOCALSTRIPE_URL
(aiohttp comes with localstripe). The page loads Stripe.js from
http://127.0.0.1:LISTEN_PORT/js.stripe.com/v3/, and the fake script then
talks to this origin, which forwards to localstripe.
"""

import sys

from aiohttp import ClientSession, web

PORT = int(sys.argv[1])
UPSTREAM = sys.argv[2].rstrip("/")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host"}


async def forward(request: web.Request) -> web.Response:
    async with ClientSession(auto_decompress=True) as session:
        async with session.request(
            request.method,
            UPSTREAM + request.path_qs,
            headers={k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP},
            data=await request.read(),
        ) as upstream:
            body = await upstream.read()
            headers = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP}
            if request.path == "/js.stripe.com/v3/":
                body = b"{\n" + body + b"\n}\n"
            return web.Response(status=upstream.status, body=body, headers=headers)


app = web.Application()
app.router.add_route("*", "/{tail:.*}", forward)
web.run_app(app, host="127.0.0.1", port=PORT, print=None)
