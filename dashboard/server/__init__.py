"""Web plumbing on the Flask server: security headers and CSP, compression, timing, preloads, the
boundary route. Knows nothing of pages or data; `app.py` wires it in."""
