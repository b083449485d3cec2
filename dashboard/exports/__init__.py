"""What leaves the dashboard as a file: captioned images, slide decks, CSV/XLSX, and their routes.
Uses `dashboard.data`, `dashboard.figures` and `dashboard.i18n`; never the UI or the pages."""
