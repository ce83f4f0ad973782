#!/bin/sh
# End to end: `pleat FILE` on the X display, screenshotted until the structure shows in every
# pLDDT band (or 30 s pass). Run under xvfb-wrapper.sh.
# Usage: app-screenshot.sh PLEAT XSHOT FILE OUT.png [REPRESENTATION COLOR-SCHEME]
# The representation and color scheme go through a keyfile GSettings backend, as a user's
# saved preferences would.
set -u
app=$1 xshot=$2 file=$3 out=$4
representation=${5:-cartoon} scheme=${6:-plddt}
config=$(mktemp -d)
mkdir -p "$config/glib-2.0/settings"
cat >"$config/glib-2.0/settings/keyfile" <<KEYFILE
[${PLEAT_APP_PATH:-io/github/pleat/Pleat}]
representation='$representation'
color-scheme='$scheme'
window-width=900
window-height=640
KEYFILE
XDG_CONFIG_HOME=$config GSETTINGS_BACKEND=keyfile "$app" "$file" &
pid=$!
i=0
rc=1
while [ $i -lt 100 ]; do
  sleep 0.3
  if ! kill -0 $pid 2>/dev/null; then
    echo "Bail out! pleat exited early"
    break
  fi
  if "$xshot" "$out" ${MIN_BAND_PIXELS:-150}; then
    rc=0
    break
  fi
  i=$((i + 1))
done
# SIGTERM quits the application cleanly: a crash, or a leak under LeakSanitizer, shows in its
# exit status.
kill -TERM $pid 2>/dev/null
wait $pid
app_rc=$?
rm -rf "$config"
if [ $rc -eq 0 ]; then
  echo "screenshot $out shows every pLDDT band after $i retries"
else
  echo "screenshot $out does not show every pLDDT band"
fi
if [ $app_rc -ne 0 ]; then
  echo "pleat exited with status $app_rc"
  rc=1
fi
exit $rc
