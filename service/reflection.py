"""Server reflection, v1 and v1alpha (grpcurl, Postman and grpc_cli ask v1 first, older tools v1alpha).

grpcio-reflection implements v1alpha only (grpc/grpc#38576). grpc.reflection.v1 is the same file under
a new package name (the same messages, fields and numbers), so the v1 descriptor is the v1alpha one
renamed, added to the descriptor pool (so that reflection can describe itself), and the same servicer
answers both: its messages are byte for byte what a v1 client sends and expects.
"""

from __future__ import annotations

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection, reflection_pb2

V1ALPHA = reflection.SERVICE_NAME  # grpc.reflection.v1alpha.ServerReflection
V1 = "grpc.reflection.v1.ServerReflection"


def _add_v1_descriptor(pool: descriptor_pool.DescriptorPool) -> None:
    try:
        pool.FindFileByName("grpc/reflection/v1/reflection.proto")
        return  # added already (a second server in this process)
    except KeyError:
        pass
    file = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(file)
    file.name, file.package = "grpc/reflection/v1/reflection.proto", "grpc.reflection.v1"
    file.options.Clear()
    for message in file.message_type:
        for field in message.field:
            if field.type_name.startswith(".grpc.reflection.v1alpha."):
                field.type_name = ".grpc.reflection.v1." + field.type_name.rsplit(".", 1)[1]
    for service in file.service:
        for method in service.method:
            method.input_type = method.input_type.replace(".v1alpha.", ".v1.")
            method.output_type = method.output_type.replace(".v1alpha.", ".v1.")
    pool.Add(file)


def enable(service_names: tuple[str, ...], server: grpc.Server) -> None:
    """Serve reflection v1 and v1alpha for ``service_names`` (and the reflection services themselves)."""
    pool = descriptor_pool.Default()
    _add_v1_descriptor(pool)
    servicer = reflection.ReflectionServicer((*service_names, V1, V1ALPHA), pool=pool)
    for name in (V1, V1ALPHA):
        handler = grpc.stream_stream_rpc_method_handler(
            servicer.ServerReflectionInfo,
            request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
            response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString)
        server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(name, {"ServerReflectionInfo": handler}),))
