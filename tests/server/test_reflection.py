"""Server reflection v1 (what grpcurl and Postman ask first) beside v1alpha, and behind the token when
auth is on."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import descriptor_pb2
from grpc_reflection.v1alpha import reflection_pb2

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server

# v1 and v1alpha have the same messages under two package names: v1alpha's classes speak v1's wire format.
PATHS = {"v1": "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
         "v1alpha": "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"}


def ask(channel, version: str, request: reflection_pb2.ServerReflectionRequest, metadata=()):  # noqa: ANN001
    call = channel.stream_stream(PATHS[version], request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
                                 response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)
    return list(call(iter([request]), metadata=metadata, timeout=10))[0]


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
def test_reflection_lists_and_describes_the_service(channel, version):
    listed = ask(channel, version, reflection_pb2.ServerReflectionRequest(list_services=""))
    names = {s.name for s in listed.list_services_response.service}
    assert names == {"fieldreport.v1.FieldReportService", "grpc.health.v1.Health",
                     "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"}
    described = ask(channel, version, reflection_pb2.ServerReflectionRequest(
        file_containing_symbol="fieldreport.v1.FieldReportService"))
    files = [descriptor_pb2.FileDescriptorProto.FromString(b)
             for b in described.file_descriptor_response.file_descriptor_proto]
    service = next(f for f in files if f.package == "fieldreport.v1").service[0]
    assert [m.name for m in service.method] == ["Extract", "BatchExtract", "StreamExtract", "Normalize", "Compare",
                                                "ListPlugins"]


def test_reflection_v1_describes_itself(channel):
    described = ask(channel, "v1", reflection_pb2.ServerReflectionRequest(
        file_containing_symbol="grpc.reflection.v1.ServerReflection"))
    (file,) = [descriptor_pb2.FileDescriptorProto.FromString(b)
               for b in described.file_descriptor_response.file_descriptor_proto]
    assert (file.name, file.package) == ("grpc/reflection/v1/reflection.proto", "grpc.reflection.v1")
    method = file.service[0].method[0]
    assert (method.input_type, method.output_type) == (".grpc.reflection.v1.ServerReflectionRequest",
                                                      ".grpc.reflection.v1.ServerReflectionResponse")


def test_reflection_needs_the_token_when_auth_is_on():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, auth_token="r3flect", grace=1))
    try:
        with grpc.insecure_channel(running.address) as channel:
            request = reflection_pb2.ServerReflectionRequest(list_services="")
            for version in PATHS:
                with pytest.raises(grpc.RpcError) as caught:
                    ask(channel, version, request)
                assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
                with pytest.raises(grpc.RpcError) as wrong:
                    ask(channel, version, request, metadata=(("authorization", "Bearer nope"),))
                assert wrong.value.code() == grpc.StatusCode.UNAUTHENTICATED
                answer = ask(channel, version, request, metadata=(("authorization", "Bearer r3flect"),))
                assert "fieldreport.v1.FieldReportService" in {s.name for s in answer.list_services_response.service}
    finally:
        running.stop(0.5)
