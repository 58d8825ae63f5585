import Gamma
