#!/usr/bin/python3
"""Builds the tiny ONNX fixtures used by org.muraarena.sandbox.onnx tests.

Run with Debian's python3-onnx (apt-get install -y python3-onnx; onnx 1.12):
    /usr/bin/python3 src/test/resources/onnx/make_fixtures.py
It writes next to itself. Every model mimics the arena contract on a small scale:
input `image` float32 [N,3,8,8] -> output `abnormal_prob` float32 [N,1], where
abnormal_prob = sigmoid(mean(image) + bias). Opset 13, IR 7 (ORT 1.29 loads both).

The external_*.onnx files reference tensor data OUTSIDE the model (the attack the
arena must refuse before handing a file to ONNX Runtime); they are never meant to load.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 13)]


def io(batch):
    x = helper.make_tensor_value_info("image", TensorProto.FLOAT, [batch, 3, 8, 8])
    y = helper.make_tensor_value_info("abnormal_prob", TensorProto.FLOAT, [batch, 1])
    return x, y


def body(bias_name="bias"):
    return [
        helper.make_node("ReduceMean", ["image"], ["m"], axes=[1, 2, 3], keepdims=1),
        helper.make_node("Flatten", ["m"], ["f"], axis=1),
        helper.make_node("Add", ["f", bias_name], ["z"]),
        helper.make_node("Sigmoid", ["z"], ["abnormal_prob"]),
    ]


def bias(value=0.25, name="bias"):
    return numpy_helper.from_array(np.array([value], dtype=np.float32), name)


def save(graph, name):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="mura-arena-fixtures")
    model.ir_version = 7
    onnx.checker.check_model(model)  # external ones are built after this check
    onnx.save(model, os.path.join(HERE, name))


def make_external(tensor, location):
    # What onnx.external_data_helper writes, without touching the file system.
    tensor.ClearField("raw_data")
    tensor.ClearField("float_data")
    tensor.data_location = TensorProto.EXTERNAL
    for k, v in (("location", location), ("offset", "0"), ("length", "4")):
        e = tensor.external_data.add()
        e.key, e.value = k, v
    return tensor


def save_unchecked(graph, name):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="mura-arena-fixtures")
    model.ir_version = 7
    onnx.save(model, os.path.join(HERE, name))


def main():
    x, y = io("N")
    save(helper.make_graph(body(), "tiny", [x], [y], [bias()]), "tiny_dynamic.onnx")
    x1, y1 = io(1)
    save(helper.make_graph(body(), "tiny1", [x1], [y1], [bias()]), "tiny_batch1.onnx")
    # NaN bias: ONNX Runtime happily returns NaN, the evaluator must notice.
    save(helper.make_graph(body(), "nan", [x], [y], [bias(float("nan"))]), "tiny_nan.onnx")

    # Well-formed protobuf that ONNX Runtime refuses: an operator nobody implements.
    bad = body()
    bad[3] = helper.make_node("Frobnicate", ["z"], ["abnormal_prob"])
    save_unchecked(helper.make_graph(bad, "unknown_op", [x], [y], [bias()]), "tiny_unknown_op.onnx")

    # 1. plain initializer escaping the model folder
    g = helper.make_graph(body(), "ext", [x], [y],
                          [make_external(bias(), "../../labels/test_readers.csv")])
    save_unchecked(g, "external_initializer.onnx")
    # 2. absolute path
    g = helper.make_graph(body(), "ext_abs", [x], [y], [make_external(bias(), "/etc/hostname")])
    save_unchecked(g, "external_absolute.onnx")
    # 3. hidden in an If subgraph (NodeProto.attribute -> AttributeProto.g -> initializer)
    then_g = helper.make_graph(
        [helper.make_node("Identity", ["hidden"], ["b"])], "then", [],
        [helper.make_tensor_value_info("b", TensorProto.FLOAT, [1])],
        [make_external(bias(name="hidden"), "../secret.bin")])
    else_g = helper.make_graph(
        [helper.make_node("Identity", ["bias"], ["b2"])], "else", [],
        [helper.make_tensor_value_info("b2", TensorProto.FLOAT, [1])])
    cond = numpy_helper.from_array(np.array(True), "cond")
    nodes = [helper.make_node("If", ["cond"], ["picked"], then_branch=then_g, else_branch=else_g)]
    nodes += body("picked")
    g = helper.make_graph(nodes, "ext_sub", [x], [y], [bias(), cond])
    save_unchecked(g, "external_subgraph.onnx")
    # 4. Constant node whose value tensor is external (AttributeProto.t)
    const = helper.make_node("Constant", [], ["cbias"], value=make_external(bias(name="c"), "c.bin"))
    g = helper.make_graph([const] + body("cbias"), "ext_const", [x], [y], [])
    save_unchecked(g, "external_constant.onnx")
    # 5. sparse initializer whose values live outside
    values = make_external(bias(name="sp_values"), "/proc/self/environ")
    indices = numpy_helper.from_array(np.array([0], dtype=np.int64), "sp_indices")
    sparse = helper.make_sparse_tensor(values, indices, [1])
    g = helper.make_graph(body("sp_values"), "ext_sparse", [x], [y], [], sparse_initializer=[sparse])
    save_unchecked(g, "external_sparse.onnx")

    harness_fixtures(x, y)


def harness_fixtures(x, y):
    """Models the ONNX sandbox's child process must classify (see OnnxSandboxTest)."""
    # Runs forever: a Loop with an astronomical trip count whose carried value depends on the
    # input, so ONNX Runtime cannot constant-fold it at load time; only a kill stops it.
    trip = numpy_helper.from_array(np.array(2 ** 62, dtype=np.int64), "trip")
    keep = numpy_helper.from_array(np.array(True), "keep")
    loop_body = helper.make_graph(
        [helper.make_node("Identity", ["c_in"], ["c_out"]),
         helper.make_node("Add", ["v_in", "one"], ["v_out"])],
        "spin",
        [helper.make_tensor_value_info("i", TensorProto.INT64, []),
         helper.make_tensor_value_info("c_in", TensorProto.BOOL, []),
         helper.make_tensor_value_info("v_in", TensorProto.FLOAT, ["N", 1])],
        [helper.make_tensor_value_info("c_out", TensorProto.BOOL, []),
         helper.make_tensor_value_info("v_out", TensorProto.FLOAT, ["N", 1])],
        [numpy_helper.from_array(np.array([1.0], dtype=np.float32), "one")])
    nodes = [
        helper.make_node("ReduceMean", ["image"], ["m"], axes=[1, 2, 3], keepdims=1),
        helper.make_node("Flatten", ["m"], ["f"], axis=1),
        helper.make_node("Loop", ["trip", "keep", "f"], ["spun"], body=loop_body),
        helper.make_node("Sigmoid", ["spun"], ["abnormal_prob"]),
    ]
    save(helper.make_graph(nodes, "loop", [x], [y], [trip, keep]), "tiny_loop.onnx")

    # Input of rank 2 [N,192]: no image layout fits it.
    x2 = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 192])
    flat = [helper.make_node("ReduceMean", ["image"], ["f"], axes=[1], keepdims=1),
            helper.make_node("Add", ["f", "bias"], ["z"]),
            helper.make_node("Sigmoid", ["z"], ["abnormal_prob"])]
    save(helper.make_graph(flat, "rank2", [x2], [y], [bias()]), "tiny_rank2.onnx")

    # No sigmoid: mean(image) + 5 is a logit, far above 1 for ImageNet-normalised input.
    raw = body()[:3]
    raw[2] = helper.make_node("Add", ["f", "bias"], ["abnormal_prob"])
    save(helper.make_graph(raw, "logit", [x], [y], [bias(5.0)]), "tiny_logit.onnx")

    # NHWC, one channel, two outputs; "scores" [N,2] = [-m, m] (softmax index 1 = sigmoid(2m)),
    # listed after a decoy output "aux" so that the manifest must name it.
    xh = helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["N", 8, 8, 1])
    aux = helper.make_tensor_value_info("aux", TensorProto.FLOAT, ["N", 1])
    scores = helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["N", 2])
    nodes = [
        helper.make_node("ReduceMean", ["pixels"], ["m4"], axes=[1, 2, 3], keepdims=1),
        helper.make_node("Flatten", ["m4"], ["aux"], axis=1),
        helper.make_node("Neg", ["aux"], ["neg"]),
        helper.make_node("Concat", ["neg", "aux"], ["scores"], axis=1),
    ]
    save(helper.make_graph(nodes, "nhwc_softmax", [xh], [aux, scores], []), "tiny_nhwc_softmax.onnx")

    # Asks for a 256 GiB tensor (2^18 x 2^18 float32): no allocator can serve it, with or
    # without an address-space cap, so ONNX Runtime reports a failed allocation.
    huge = numpy_helper.from_array(np.array([2 ** 18, 2 ** 18], dtype=np.int64), "huge_shape")
    nodes = body("s")[:2] + [
        helper.make_node("ConstantOfShape", ["huge_shape"], ["big"],
                         value=numpy_helper.from_array(np.array([1.0], dtype=np.float32))),
        helper.make_node("ReduceMean", ["big"], ["s"], keepdims=0),
        helper.make_node("Add", ["f", "s"], ["z"]),
        helper.make_node("Sigmoid", ["z"], ["abnormal_prob"]),
    ]
    save(helper.make_graph(nodes, "huge", [x], [y], [huge]), "tiny_huge.onnx")


if __name__ == "__main__":
    main()
