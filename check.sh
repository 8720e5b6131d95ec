#!/usr/bin/env bash
# The main job: a property check of every built-in protocol. Prints each distinct failure
# with its shrunk repro (also saved under findings/). Extra arguments go to `primeprops check`
# (e.g. --seed 7 --scenarios 10000 --protocol v3.6). Exit status 1 when anything failed.
exec "$(dirname "$0")/primeprops" check "$@"
