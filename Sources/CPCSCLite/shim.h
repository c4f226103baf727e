#pragma once
// pcsc-lite: libpcsclite.pc adds the PCSC include directory.
#include <winscard.h>
#include <pcsclite.h>
#include <reader.h>
