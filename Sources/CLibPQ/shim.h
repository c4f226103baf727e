#pragma once
// libpq (Debian's libpq-dev): libpq.pc adds /usr/include/postgresql.
#include <libpq-fe.h>
