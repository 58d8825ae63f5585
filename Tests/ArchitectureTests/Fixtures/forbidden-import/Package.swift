// swift-tools-version: 6.1
// A fixture for the architecture check (never built): Alpha imports Gamma without listing it,
// Beta -> Gamma is declared but not drawn, Gamma -> Beta is drawn but not declared.
import PackageDescription

let package = Package(
  name: "fixture",
  targets: [
    .target(name: "Alpha", dependencies: ["Beta"]),
    .target(name: "Beta", dependencies: ["Gamma"]),
    .target(name: "Gamma"),
  ]
)
