"""Smoke-tests an S3 endpoint: PUT, GET (bytes compared) and DELETE of a canary object.

usage: s3smoke.py ENDPOINT REGION ACCESS_KEY_ID OBJECT_KEY < SECRET

ENDPOINT is http://HOST:PORT; REGION must be the endpoint's location (the platform's
zone_id). The secret key is read from stdin so that it never shows in a command line or an
environment. Requests are signed with AWS Signature Version 4 (path-style, signed payload),
using only the standard library. Prints each request's status and latency; exits 1 with the
server's answer on the first failure.
"""
import datetime
import hashlib
import hmac
import http.client
import os
import sys
import time
import urllib.parse

BUCKET = 'qingstor-installer-smoke'


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def sign(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


class S3:
    def __init__(self, endpoint, region, access_key, secret_key):
        url = urllib.parse.urlsplit(endpoint)
        self.host, self.port = url.hostname, url.port or 80
        self.region, self.access_key, self.secret_key = region, access_key, secret_key

    def request(self, method, path, body=b''):
        now = datetime.datetime.now(datetime.timezone.utc)
        amz_date, day = now.strftime('%Y%m%dT%H%M%SZ'), now.strftime('%Y%m%d')
        host = '%s:%d' % (self.host, self.port)
        payload_hash = sha256_hex(body)
        headers = {'host': host, 'x-amz-content-sha256': payload_hash, 'x-amz-date': amz_date}
        signed = ';'.join(sorted(headers))
        canonical = '\n'.join([method, urllib.parse.quote(path, safe='/-_.~'), '',
                               ''.join('%s:%s\n' % (k, headers[k]) for k in sorted(headers)),
                               signed, payload_hash])
        scope = '%s/%s/s3/aws4_request' % (day, self.region)
        to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz_date, scope, sha256_hex(canonical.encode())])
        key = ('AWS4' + self.secret_key).encode()
        for part in (day, self.region, 's3', 'aws4_request'):
            key = sign(key, part)
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        headers['authorization'] = 'AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s' % (
            self.access_key, scope, signed, signature)
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        began = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read(), (time.monotonic() - began) * 1000
        finally:
            connection.close()


def check(what, status, answer, millis, ok):
    print('%s: HTTP %d in %.0f ms' % (what, status, millis))
    if status not in ok:
        print('%s failed: %s' % (what, answer.decode('utf-8', 'replace')[:500]), file=sys.stderr)
        sys.exit(1)


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    endpoint, region, access_key, object_key = sys.argv[1:]
    secret = sys.stdin.readline().strip()
    if not secret:
        sys.exit('no secret key on stdin')
    s3 = S3(endpoint, region, access_key, secret)
    bucket, path = '/' + BUCKET, '/%s/%s' % (BUCKET, object_key)
    body = os.urandom(4096)
    check('S3 PUT bucket %s' % BUCKET, *s3.request('PUT', bucket), ok=(200, 409))
    check('S3 PUT %s (%d bytes)' % (path, len(body)), *s3.request('PUT', path, body), ok=(200,))
    status, answer, millis = s3.request('GET', path)
    check('S3 GET %s' % path, status, answer, millis, ok=(200,))
    if answer != body:
        sys.exit('S3 GET %s returned %d bytes that differ from the %d bytes written'
                 % (path, len(answer), len(body)))
    print('S3 GET %s: the %d bytes read back match' % (path, len(body)))
    check('S3 DELETE %s' % path, *s3.request('DELETE', path), ok=(204,))


if __name__ == '__main__':
    main()
