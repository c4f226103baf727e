#pragma once
// libtiff (Debian libtiff-dev): scanner and fax output, macOS screenshots saved as TIFF. Errors
// go to handlers the caller installs, never a longjmp.
#include <tiffio.h>
