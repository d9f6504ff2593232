#!/usr/bin/env bash
# Makes the sample photos in tests/images/ (committed; a few KB each). Needs Debian's
# imagemagick, libimage-exiftool-perl, webp and libheif-examples:
#   apt-get install imagemagick libimage-exiftool-perl webp libheif-examples
# Run from the repository root: bash scripts/make-test-images.sh
set -euo pipefail
out=tests/images
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
convert=/usr/bin/convert # not /usr/local/bin/convert, which may be a stand-in

# A small "photo": a gradient with some noise, so encoders have something to encode.
$convert -size 96x64 gradient:skyblue-seagreen -attenuate 0.3 +noise Uniform -quality 80 "$tmp/base.jpg"
$convert "$tmp/base.jpg" "$tmp/base.png"

et() { exiftool -q -overwrite_original -m "$@"; }

# JPEG, GPS north/east: the town hall of Kibichuo (34.8627 N, 133.6946 E).
cp "$tmp/base.jpg" "$out/gps-ne.jpg"
et -Make=Apple -Model='iPhone 15' -DateTimeOriginal='2026:11:22 10:15:30' \
   -GPSLatitude=34.8627 -GPSLatitudeRef=N -GPSLongitude=133.6946 -GPSLongitudeRef=E "$out/gps-ne.jpg"

# JPEG, GPS south/west: Santiago de Chile (33.4489 S, 70.6693 W).
cp "$tmp/base.jpg" "$out/gps-sw.jpg"
et -Make=Google -Model='Pixel 8' -DateTimeOriginal='2025:03:09 16:42:05' \
   -GPSLatitude=33.4489 -GPSLatitudeRef=S -GPSLongitude=70.6693 -GPSLongitudeRef=W "$out/gps-sw.jpg"

# JPEG without GPS (date and camera only).
cp "$tmp/base.jpg" "$out/no-gps.jpg"
et -Make=Canon -Model='Canon EOS R6' -DateTimeOriginal='2026:04:29 13:05:00' "$out/no-gps.jpg"

# JPEG with names and serial numbers, no GPS.
cp "$tmp/base.jpg" "$out/identifying.jpg"
et -Make=Canon -Model='Canon EOS R6' -Artist='Kibi Taro' -XPAuthor='吉備 太郎' -OwnerName='KIBI TARO' \
   -SerialNumber=052021001234 -DateTimeOriginal='2026:04:29 13:05:00' "$out/identifying.jpg"

# PNG with an eXIf chunk: Muroran city hall (42.3152 N, 140.9737 E).
cp "$tmp/base.png" "$out/gps.png"
et -DateTimeOriginal='2026:02:01 09:00:00' \
   -GPSLatitude=42.3152 -GPSLatitudeRef=N -GPSLongitude=140.9737 -GPSLongitudeRef=E "$out/gps.png"

# WebP with an EXIF chunk: Towada city hall (40.6128 N, 141.2058 E).
cwebp -quiet -q 70 "$tmp/base.png" -o "$out/gps.webp"
et -DateTimeOriginal='2026:07:14 18:30:00' \
   -GPSLatitude=40.6128 -GPSLatitudeRef=N -GPSLongitude=141.2058 -GPSLongitudeRef=E "$out/gps.webp"

# HEIC with an Exif item: Nagareyama city hall (35.8563 N, 139.9027 E). heif-enc copies the
# Exif of its JPEG input.
cp "$tmp/base.jpg" "$tmp/heic-src.jpg"
et -Make=Apple -Model='iPhone 15' -DateTimeOriginal='2026:05:03 11:20:00' \
   -GPSLatitude=35.8563 -GPSLatitudeRef=N -GPSLongitude=139.9027 -GPSLongitudeRef=E "$tmp/heic-src.jpg"
heif-enc -q 30 "$tmp/heic-src.jpg" -o "$out/gps.heic" >/dev/null

ls -l "$out"
