#!/bin/sh
# Runs a test under its own private Xvfb. Race-free: Xvfb picks a free display number itself
# and reports it on fd 3 (-displayfd), so parallel `meson test` jobs never collide.
set -u
tmp=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xpid=$!
i=0
while [ ! -s "$tmp/display" ]; do
  i=$((i + 1))
  if [ $i -gt 200 ] || ! kill -0 $xpid 2>/dev/null; then
    echo "Bail out! Xvfb did not start"
    cat "$tmp/xvfb.log" >&2
    kill $xpid 2>/dev/null
    rm -rf "$tmp"
    exit 1
  fi
  sleep 0.05
done
DISPLAY=":$(cat "$tmp/display")"
export DISPLAY
unset WAYLAND_DISPLAY
# The test runs in the background so that a timeout's SIGTERM (meson) reaches it and Xvfb
# instead of leaving both running after the wrapper is gone.
"$@" &
child=$!
trap 'kill -TERM $child 2>/dev/null; sleep 1; kill -KILL $child 2>/dev/null; kill $xpid 2>/dev/null; rm -rf "$tmp"; exit 143' TERM INT
wait $child
rc=$?
trap - TERM INT
kill $xpid 2>/dev/null
wait $xpid 2>/dev/null
rm -rf "$tmp"
exit $rc
