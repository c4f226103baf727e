#pragma once
// libwebp's decoder (still images): browsers save screenshots and "Save image as" in WebP.
#include <webp/decode.h>
