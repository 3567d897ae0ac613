#!/usr/bin/env bash
# Debian's nginx for the production topology, installed without starting it as a system service
# (the portal runs its own, with its own config): a policy-rc.d refusing every start for the
# length of the install.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1
if [ "$had_policy" = 0 ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" > /dev/null
  $SUDO chmod +x "$policy"
  trap '$SUDO rm -f "$policy"' EXIT
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx > /dev/null
echo "[setup] nginx: $(command -v nginx || echo /usr/sbin/nginx)"
