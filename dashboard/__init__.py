"""The Dash dashboard: data access, figures, layout and pages for the SDG localization monitor."""
