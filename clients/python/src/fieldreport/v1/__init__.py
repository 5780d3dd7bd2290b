"""Generated stubs of the fieldreport.v1 contract (scripts/gen_protos.py)."""
