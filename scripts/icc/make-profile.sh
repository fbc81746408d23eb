#!/usr/bin/env bash
# Builds assets/icc/newsprint-fogra29-tac240.icc, the project's default CMYK output profile.
#
# Build-time only (the .icc is committed; nothing at test or run time needs these tools):
#   apt-get install argyll icc-profiles-free
# Characterisation data: /usr/share/color/icc/FOGRA29L.ti3 from Debian icc-profiles-free
# (FOGRA29 = ISO 12647-2 offset, paper type 4, uncoated white; Zlib licence per Debian's copyright file).
# See assets/icc/README.md for provenance, licence and why this is a stand-in for a real newsprint profile.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
ti3="${FOGRA29_TI3:-/usr/share/color/icc/FOGRA29L.ti3}"
srgb="${SRGB_ICC:-/usr/share/color/icc/sRGB.icc}"
out="$root/assets/icc/newsprint-fogra29-tac240.icc"
tac="${TAC:-240}"   # total ink limit, percent
black="${BLACK:-95}" # black ink limit, percent

command -v colprof >/dev/null || { echo "colprof not found: apt-get install argyll" >&2; exit 1; }
[ -f "$ti3" ] || { echo "$ti3 not found: apt-get install icc-profiles-free" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$ti3" "$work/newsprint.ti3"
cd "$work"

# -qm        medium quality tables (keeps the profile small: it is embedded in every page PDF)
# -kp ...    black generation: K starts at 10% of the lightness range and rises to full black
#            (heavy GCR, early black start, as WAN-IFRA recommends for newsprint)
# -l / -L    total ink limit and black limit applied to every B2A table
# -S sRGB    gamut-map the perceptual and saturation B2A tables from an sRGB source gamut
# -cmt -dpp  viewing conditions: typical monitor → practical reflection print
# -nc        don't embed the measurement data (smaller file)
colprof -v -qm -nc \
  -kp 0 0.1 0.9 1.0 1.0 \
  -l "$tac" -L "$black" \
  -S "$srgb" -cmt -dpp \
  -D "Newsprint stand-in (FOGRA29L uncoated data, TAC ${tac}%)" \
  -C "Built by Newsprint with ArgyllCMS colprof from FOGRA29L.ti3 (icc-profiles-free, Zlib). No warranty." \
  -A "Newsprint project" -M "FOGRA29 uncoated, TAC ${tac}%" \
  newsprint >"$work/colprof.log"

iccdump -v1 newsprint.icc >/dev/null   # fails loudly if the result is unreadable
cp newsprint.icc "$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
