"""A gRPC microservice that is not an AI service, on real grpcio (the C core Triton and MLServer use too), for
the negatives of the gRPC families: it serves only the standard health protocol (grpc.health.v1.Health/Check,
answering SERVING), and with a token it refuses every call without `authorization: Bearer <token>` as
UNAUTHENTICATED, the way an interceptor-based gate does (before any method lookup). With a certificate it
serves TLS, where grpc-core completes a handshake that did not offer ALPN h2 and then hangs up.

Usage: python grpc_service.py PORT [--token TOKEN] [--tls]   (--tls: the PEM certificate and key in TLS_CERT_PEM, TLS_KEY_PEM)
"""
import argparse
import os
from concurrent import futures

import grpc

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("--token")
parser.add_argument("--tls", action="store_true")
args = parser.parse_args()
port, token = args.port, args.token

# grpc.health.v1.HealthCheckResponse{status: SERVING}: field 1 (enum) = 1, written by hand (no generated stubs).
SERVING = b"\x08\x01"


def check(_request, _context):
    return SERVING


health = grpc.method_handlers_generic_handler(
    "grpc.health.v1.Health",
    {"Check": grpc.unary_unary_rpc_method_handler(check, request_deserializer=None, response_serializer=None)},
)


class TokenGate(grpc.ServerInterceptor):
    def intercept_service(self, continuation, details):
        if dict(details.invocation_metadata).get("authorization") == f"Bearer {token}":
            return continuation(details)

        def refuse(_request, context):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or invalid bearer token")

        return grpc.unary_unary_rpc_method_handler(refuse)


server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), interceptors=[TokenGate()] if token else [])
server.add_generic_rpc_handlers((health,))
if args.tls:
    key_and_cert = (os.environ["TLS_KEY_PEM"].encode(), os.environ["TLS_CERT_PEM"].encode())
    server.add_secure_port(f"127.0.0.1:{port}", grpc.ssl_server_credentials([key_and_cert]))
else:
    server.add_insecure_port(f"127.0.0.1:{port}")
server.start()
print(f"grpc service listening on 127.0.0.1:{port}", flush=True)
server.wait_for_termination()
