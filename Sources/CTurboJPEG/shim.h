#pragma once
// The TurboJPEG API of libjpeg-turbo: its error handling stays inside C (no longjmp through
// the caller's frames), so Swift can decode JPEG files without a setjmp of its own.
#include <turbojpeg.h>
