/// transformers' `ACT2CLS`: the class name of the module an activation string builds.
enum Activation {
  static let classNames: [String: String] = [
    "gelu": "GELUActivation", "gelu_10": "ClippedGELUActivation", "gelu_fast": "FastGELUActivation",
    "gelu_new": "NewGELUActivation", "gelu_python": "GELUActivation", "gelu_pytorch_tanh": "GELUTanh",
    "gelu_python_tanh": "GELUTanh", "gelu_accurate": "AccurateGELUActivation", "hardswish": "Hardswish",
    "laplace": "LaplaceActivation", "leaky_relu": "LeakyReLU", "linear": "LinearActivation",
    "mish": "MishActivation", "quick_gelu": "QuickGELUActivation", "relu": "ReLU",
    "relu2": "ReLUSquaredActivation", "relu6": "ReLU6", "sigmoid": "Sigmoid", "silu": "SiLUActivation",
    "sqrtsoftplus": "SqrtSoftplusActivation", "swish": "SiLU", "tanh": "Tanh", "prelu": "PReLU",
    "xielu": "XIELUActivation",
  ]

  /// The class name for an activation string; unknown names keep their spelling.
  static func className(_ name: String) -> String { classNames[name] ?? name }
}
