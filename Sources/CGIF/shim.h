#pragma once
// giflib (Debian libgif-dev): web images and old screenshots in GIF. Errors are status codes,
// never a longjmp.
#include <gif_lib.h>
