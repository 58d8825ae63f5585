import Beta
import Gamma
