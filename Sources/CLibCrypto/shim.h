#pragma once
// OpenSSL 3 libcrypto: EVP ciphers (SM4, AES-GCM), HMAC, KDFs, RNG.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
