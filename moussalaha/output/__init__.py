"""The built site: HTML rewrites, alternates and sitemaps, search, security
policy, compression, redirects, the editor at /admin/."""
