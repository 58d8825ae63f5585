import Foundation
import LoRAModels
import LoRAModules
import LoRANumerics
import Testing

@Suite struct ModelLoaderTests {
  @Test func catalogNamesAndClassNamesLoadWithOverrides() throws {
    let tree = try ModelLoader.load("mistral", overrides: ["num_hidden_layers": .int(3)])
    #expect(tree.contains("model.layers.2"))
    #expect(try ModelLoader.load("ViTModel").rootTypeName == "ViTModel")
  }

  @Test func relativeConfigPathsResolveAgainstTheBase() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    _ = try dir.write(
      #"{"model_type": "bert", "num_hidden_layers": 1, "architectures": ["BertModel"]}"#, to: "m/config.json")
    let tree = try ModelLoader.load("m/config.json", relativeTo: dir.url)
    #expect(tree.rootTypeName == "BertModel")
    #expect(tree.contains("encoder.layer.0"))
    #expect(!tree.contains("encoder.layer.1"))
    #expect(tree["embeddings.word_embeddings"]?.kind == .embedding(numEmbeddings: 30522, embeddingDim: 768))
    #expect(try ModelLoader.load("m", relativeTo: dir.url) == tree)
  }

  @Test func moduleListFilesLoadByExtension() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    _ = try dir.write("modules:\n  - {name: q, type: Linear, in_features: 2, out_features: 2}\n", to: "list.yml")
    #expect(try ModelLoader.load("list.yml", relativeTo: dir.url).parameterCounts.all == 6)
    _ = try dir.write(
      #"{"modules": [{"name": "e", "type": "Embedding", "num_embeddings": 3, "embedding_dim": 2}]}"#, to: "list.json")
    #expect(try ModelLoader.load("list.json", relativeTo: dir.url).parameterCounts.all == 6)
  }

  @Test func errorsNameTheInputAndSayWhatToDo() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    _ = try dir.write("{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 64,,\n}", to: "config.json")
    #expect {
      _ = try ModelLoader.load("config.json", relativeTo: dir.url)
    } throws: { error in
      "\(error)".hasPrefix(dir.file("config.json").path + ":3:")
    }
    #expect {
      _ = try ModelLoader.load("nowhere/config.json", relativeTo: dir.url)
    } throws: { error in
      "\(error)".contains("no such file or directory")
    }
    _ = try dir.write(#"{"model_type": "llama"}"#, to: "ok.json")
    #expect {
      _ = try ModelLoader.load("ok.json", overrides: ["hidden_size": .int(8)], relativeTo: dir.url)
    } throws: { error in
      "\(error)".contains("overrides apply to catalog models only")
    }
    _ = try dir.write("x", to: "weights.bin")
    #expect {
      _ = try ModelLoader.load("weights.bin", relativeTo: dir.url)
    } throws: { error in
      "\(error)".contains("unknown model file type")
    }
    #expect {
      _ = try ModelLoader.load("bertt")
    } throws: { error in
      "\(error)" == "catalog bertt: unknown model \"bertt\"; did you mean 'bert'?"
    }
  }
}

@Suite struct ConfigFileLocationTests {
  @Test func badValuesAreReportedAtTheLineOfTheirKey() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let text = """
      {
        "model_type": "llava",
        "hidden_size": 12,
        "text_config": {
          "model_type": "llama",
          "hidden_size": "wide"
        }
      }
      """
    let url = try dir.write(text, to: "config.json")
    #expect {
      _ = try ModelLoader.load(path: url)
    } throws: { error in
      "\(error)" == url.path + ":6:5: text_config.hidden_size must be an integer, found a string"
    }
  }
}
