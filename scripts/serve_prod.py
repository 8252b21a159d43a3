"""Serve the built site with Debian's nginx and the shipped configuration
(deploy/nginx/) on 127.0.0.1, as production serves it (tests/support/nginx.py).

    .venv/bin/python -m scripts.serve_prod [--port 8080] [--site site]
"""

from tests.support.nginx import main

if __name__ == "__main__":
    main()
