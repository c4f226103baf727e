#pragma once
// libcurl (Debian libcurl4-openssl-dev): the HTTP client behind `HTTPClient`. curl_easy_setopt
// and curl_easy_getinfo are variadic, which Swift cannot call, so each argument type the
// driver passes gets one typed inline wrapper here.
#include <curl/curl.h>

typedef size_t (*tb_curl_write_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode tb_curl_set_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tb_curl_set_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tb_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tb_curl_set_write(CURL *handle, tb_curl_write_callback callback) {
  return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode tb_curl_response_code(CURL *handle, long *code) {
  return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
