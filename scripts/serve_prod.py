"""Serve the built site with Debian's nginx and the shipped configuration
(deploy/nginx/) on 127.0.0.1, as production serves it (moussalaha/nginx.py).

    .venv/bin/python scripts/serve_prod.py [--port 8080] [--site site]
"""

from moussalaha.nginx import main

if __name__ == "__main__":
    main()
