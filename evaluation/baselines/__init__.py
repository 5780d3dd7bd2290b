"""Baselines run beside the pipeline: what a user would use instead (dateparser, HeidelTime, a
most-populous gazetteer match, TF-IDF cosine, a nearest-number rule)."""
