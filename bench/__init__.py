"""`make bench`: latency, bytes, first load and ETL figures for the dashboard, against a tutorial baseline."""
