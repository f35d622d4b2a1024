from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

BLEND_ADD: Blend
BLEND_ATOP: Blend
BLEND_CLEAR: Blend
BLEND_COLOR_BURN: Blend
BLEND_COLOR_DODGE: Blend
BLEND_DARKEN: Blend
BLEND_DEST: Blend
BLEND_DEST_ATOP: Blend
BLEND_DEST_IN: Blend
BLEND_DEST_OUT: Blend
BLEND_DEST_OVER: Blend
BLEND_DIFFERENCE: Blend
BLEND_EXCLUSION: Blend
BLEND_HARD_LIGHT: Blend
BLEND_IN: Blend
BLEND_LIGHTEN: Blend
BLEND_MULTIPLY: Blend
BLEND_OUT: Blend
BLEND_OVER: Blend
BLEND_OVERLAY: Blend
BLEND_SATURATE: Blend
BLEND_SCREEN: Blend
BLEND_SOFT_LIGHT: Blend
BLEND_SOURCE: Blend
BLEND_UNSPECIFIED: Blend
BLEND_XOR: Blend
DESCRIPTOR: _descriptor.FileDescriptor
EXTEND_WITH_BACKGROUND: ExtendWith
EXTEND_WITH_COPY: ExtendWith
EXTEND_WITH_MIRROR: ExtendWith
EXTEND_WITH_REPEAT: ExtendWith
EXTEND_WITH_UNSPECIFIED: ExtendWith
FIT_CONTAIN: Fit
FIT_COVER: Fit
FIT_FILL: Fit
FIT_INSIDE: Fit
FIT_OUTSIDE: Fit
FIT_UNSPECIFIED: Fit
FONT_MONO: Font
FONT_SANS: Font
FONT_SERIF: Font
FONT_UNSPECIFIED: Font
FORMAT_AVIF: Format
FORMAT_GIF: Format
FORMAT_JPEG: Format
FORMAT_PNG: Format
FORMAT_SVG: Format
FORMAT_TIFF: Format
FORMAT_UNSPECIFIED: Format
FORMAT_WEBP: Format
POSITION_ATTENTION: Position
POSITION_BOTTOM: Position
POSITION_CENTER: Position
POSITION_ENTROPY: Position
POSITION_LEFT: Position
POSITION_LEFT_BOTTOM: Position
POSITION_LEFT_TOP: Position
POSITION_RIGHT: Position
POSITION_RIGHT_BOTTOM: Position
POSITION_RIGHT_TOP: Position
POSITION_TOP: Position
POSITION_UNSPECIFIED: Position
STAGE_DECODING: Stage
STAGE_ENCODING: Stage
STAGE_FETCHING: Stage
STAGE_QUEUED: Stage
STAGE_STARTED: Stage
STAGE_TRANSFORMING: Stage
STAGE_UNSPECIFIED: Stage
TEXT_ALIGN_CENTER: TextAlign
TEXT_ALIGN_LEFT: TextAlign
TEXT_ALIGN_RIGHT: TextAlign
TEXT_ALIGN_UNSPECIFIED: TextAlign

class Blur(_message.Message):
    __slots__ = ["sigma"]
    SIGMA_FIELD_NUMBER: _ClassVar[int]
    sigma: float
    def __init__(self, sigma: _Optional[float] = ...) -> None: ...

class Clahe(_message.Message):
    __slots__ = ["height", "max_slope", "width"]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    MAX_SLOPE_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    height: int
    max_slope: int
    width: int
    def __init__(self, width: _Optional[int] = ..., height: _Optional[int] = ..., max_slope: _Optional[int] = ...) -> None: ...

class Composite(_message.Message):
    __slots__ = ["blend", "gravity", "height_ratio", "image", "offset_x", "offset_y", "opacity", "tile", "url", "width_ratio"]
    BLEND_FIELD_NUMBER: _ClassVar[int]
    GRAVITY_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_RATIO_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    OFFSET_X_FIELD_NUMBER: _ClassVar[int]
    OFFSET_Y_FIELD_NUMBER: _ClassVar[int]
    OPACITY_FIELD_NUMBER: _ClassVar[int]
    TILE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    WIDTH_RATIO_FIELD_NUMBER: _ClassVar[int]
    blend: Blend
    gravity: Position
    height_ratio: float
    image: bytes
    offset_x: int
    offset_y: int
    opacity: float
    tile: bool
    url: str
    width_ratio: float
    def __init__(self, image: _Optional[bytes] = ..., url: _Optional[str] = ..., gravity: _Optional[_Union[Position, str]] = ..., offset_x: _Optional[int] = ..., offset_y: _Optional[int] = ..., tile: bool = ..., opacity: _Optional[float] = ..., blend: _Optional[_Union[Blend, str]] = ..., width_ratio: _Optional[float] = ..., height_ratio: _Optional[float] = ...) -> None: ...

class Convolve(_message.Message):
    __slots__ = ["height", "kernel", "offset", "scale", "width"]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    KERNEL_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    SCALE_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    height: int
    kernel: _containers.RepeatedScalarFieldContainer[float]
    offset: int
    scale: int
    width: int
    def __init__(self, width: _Optional[int] = ..., height: _Optional[int] = ..., kernel: _Optional[_Iterable[float]] = ..., scale: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class Extend(_message.Message):
    __slots__ = ["background", "bottom", "extend_with", "left", "right", "top"]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    BOTTOM_FIELD_NUMBER: _ClassVar[int]
    EXTEND_WITH_FIELD_NUMBER: _ClassVar[int]
    LEFT_FIELD_NUMBER: _ClassVar[int]
    RIGHT_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    background: str
    bottom: int
    extend_with: ExtendWith
    left: int
    right: int
    top: int
    def __init__(self, top: _Optional[int] = ..., right: _Optional[int] = ..., bottom: _Optional[int] = ..., left: _Optional[int] = ..., background: _Optional[str] = ..., extend_with: _Optional[_Union[ExtendWith, str]] = ...) -> None: ...

class Extract(_message.Message):
    __slots__ = ["height", "left", "top", "width"]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    LEFT_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    height: int
    left: int
    top: int
    width: int
    def __init__(self, left: _Optional[int] = ..., top: _Optional[int] = ..., width: _Optional[int] = ..., height: _Optional[int] = ...) -> None: ...

class Flatten(_message.Message):
    __slots__ = ["background"]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    background: str
    def __init__(self, background: _Optional[str] = ...) -> None: ...

class Flip(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class Flop(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class Gamma(_message.Message):
    __slots__ = ["gamma", "gamma_out"]
    GAMMA_FIELD_NUMBER: _ClassVar[int]
    GAMMA_OUT_FIELD_NUMBER: _ClassVar[int]
    gamma: float
    gamma_out: float
    def __init__(self, gamma: _Optional[float] = ..., gamma_out: _Optional[float] = ...) -> None: ...

class Grayscale(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ImageInfo(_message.Message):
    __slots__ = ["channels", "format", "has_alpha", "height", "pages", "quality", "size_bytes", "width"]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    HAS_ALPHA_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    PAGES_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    channels: int
    format: Format
    has_alpha: bool
    height: int
    pages: int
    quality: int
    size_bytes: int
    width: int
    def __init__(self, format: _Optional[_Union[Format, str]] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., size_bytes: _Optional[int] = ..., has_alpha: bool = ..., pages: _Optional[int] = ..., channels: _Optional[int] = ..., quality: _Optional[int] = ...) -> None: ...

class InfoRequest(_message.Message):
    __slots__ = ["image", "placeholders", "url"]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    PLACEHOLDERS_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    placeholders: bool
    url: str
    def __init__(self, image: _Optional[bytes] = ..., url: _Optional[str] = ..., placeholders: bool = ...) -> None: ...

class InfoResponse(_message.Message):
    __slots__ = ["bits_per_sample", "color_space", "dominant_color", "frame_delays_ms", "has_icc_profile", "info", "loop", "orientation", "placeholders", "progressive"]
    BITS_PER_SAMPLE_FIELD_NUMBER: _ClassVar[int]
    COLOR_SPACE_FIELD_NUMBER: _ClassVar[int]
    DOMINANT_COLOR_FIELD_NUMBER: _ClassVar[int]
    FRAME_DELAYS_MS_FIELD_NUMBER: _ClassVar[int]
    HAS_ICC_PROFILE_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    LOOP_FIELD_NUMBER: _ClassVar[int]
    ORIENTATION_FIELD_NUMBER: _ClassVar[int]
    PLACEHOLDERS_FIELD_NUMBER: _ClassVar[int]
    PROGRESSIVE_FIELD_NUMBER: _ClassVar[int]
    bits_per_sample: int
    color_space: str
    dominant_color: str
    frame_delays_ms: _containers.RepeatedScalarFieldContainer[int]
    has_icc_profile: bool
    info: ImageInfo
    loop: int
    orientation: int
    placeholders: Placeholders
    progressive: bool
    def __init__(self, info: _Optional[_Union[ImageInfo, _Mapping]] = ..., orientation: _Optional[int] = ..., color_space: _Optional[str] = ..., has_icc_profile: bool = ..., dominant_color: _Optional[str] = ..., bits_per_sample: _Optional[int] = ..., progressive: bool = ..., frame_delays_ms: _Optional[_Iterable[int]] = ..., loop: _Optional[int] = ..., placeholders: _Optional[_Union[Placeholders, _Mapping]] = ...) -> None: ...

class InputOptions(_message.Message):
    __slots__ = ["animated", "disable_auto_orient", "page"]
    ANIMATED_FIELD_NUMBER: _ClassVar[int]
    DISABLE_AUTO_ORIENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    animated: bool
    disable_auto_orient: bool
    page: int
    def __init__(self, page: _Optional[int] = ..., disable_auto_orient: bool = ..., animated: bool = ...) -> None: ...

class Linear(_message.Message):
    __slots__ = ["a", "b"]
    A_FIELD_NUMBER: _ClassVar[int]
    B_FIELD_NUMBER: _ClassVar[int]
    a: _containers.RepeatedScalarFieldContainer[float]
    b: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, a: _Optional[_Iterable[float]] = ..., b: _Optional[_Iterable[float]] = ...) -> None: ...

class Median(_message.Message):
    __slots__ = ["size"]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    size: int
    def __init__(self, size: _Optional[int] = ...) -> None: ...

class Modulate(_message.Message):
    __slots__ = ["brightness", "hue", "lightness", "saturation"]
    BRIGHTNESS_FIELD_NUMBER: _ClassVar[int]
    HUE_FIELD_NUMBER: _ClassVar[int]
    LIGHTNESS_FIELD_NUMBER: _ClassVar[int]
    SATURATION_FIELD_NUMBER: _ClassVar[int]
    brightness: float
    hue: int
    lightness: float
    saturation: float
    def __init__(self, brightness: _Optional[float] = ..., saturation: _Optional[float] = ..., hue: _Optional[int] = ..., lightness: _Optional[float] = ...) -> None: ...

class Negate(_message.Message):
    __slots__ = ["alpha"]
    ALPHA_FIELD_NUMBER: _ClassVar[int]
    alpha: bool
    def __init__(self, alpha: bool = ...) -> None: ...

class Normalize(_message.Message):
    __slots__ = ["lower", "upper"]
    LOWER_FIELD_NUMBER: _ClassVar[int]
    UPPER_FIELD_NUMBER: _ClassVar[int]
    lower: float
    upper: float
    def __init__(self, lower: _Optional[float] = ..., upper: _Optional[float] = ...) -> None: ...

class Operation(_message.Message):
    __slots__ = ["blur", "clahe", "composite", "convolve", "extend", "extract", "flatten", "flip", "flop", "gamma", "grayscale", "linear", "median", "modulate", "negate", "normalize", "pixelate", "resize", "rotate", "round_corners", "sharpen", "text", "threshold", "tint", "trim"]
    BLUR_FIELD_NUMBER: _ClassVar[int]
    CLAHE_FIELD_NUMBER: _ClassVar[int]
    COMPOSITE_FIELD_NUMBER: _ClassVar[int]
    CONVOLVE_FIELD_NUMBER: _ClassVar[int]
    EXTEND_FIELD_NUMBER: _ClassVar[int]
    EXTRACT_FIELD_NUMBER: _ClassVar[int]
    FLATTEN_FIELD_NUMBER: _ClassVar[int]
    FLIP_FIELD_NUMBER: _ClassVar[int]
    FLOP_FIELD_NUMBER: _ClassVar[int]
    GAMMA_FIELD_NUMBER: _ClassVar[int]
    GRAYSCALE_FIELD_NUMBER: _ClassVar[int]
    LINEAR_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_FIELD_NUMBER: _ClassVar[int]
    MODULATE_FIELD_NUMBER: _ClassVar[int]
    NEGATE_FIELD_NUMBER: _ClassVar[int]
    NORMALIZE_FIELD_NUMBER: _ClassVar[int]
    PIXELATE_FIELD_NUMBER: _ClassVar[int]
    RESIZE_FIELD_NUMBER: _ClassVar[int]
    ROTATE_FIELD_NUMBER: _ClassVar[int]
    ROUND_CORNERS_FIELD_NUMBER: _ClassVar[int]
    SHARPEN_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    TINT_FIELD_NUMBER: _ClassVar[int]
    TRIM_FIELD_NUMBER: _ClassVar[int]
    blur: Blur
    clahe: Clahe
    composite: Composite
    convolve: Convolve
    extend: Extend
    extract: Extract
    flatten: Flatten
    flip: Flip
    flop: Flop
    gamma: Gamma
    grayscale: Grayscale
    linear: Linear
    median: Median
    modulate: Modulate
    negate: Negate
    normalize: Normalize
    pixelate: Pixelate
    resize: Resize
    rotate: Rotate
    round_corners: RoundCorners
    sharpen: Sharpen
    text: Text
    threshold: Threshold
    tint: Tint
    trim: Trim
    def __init__(self, resize: _Optional[_Union[Resize, _Mapping]] = ..., extract: _Optional[_Union[Extract, _Mapping]] = ..., rotate: _Optional[_Union[Rotate, _Mapping]] = ..., flip: _Optional[_Union[Flip, _Mapping]] = ..., flop: _Optional[_Union[Flop, _Mapping]] = ..., blur: _Optional[_Union[Blur, _Mapping]] = ..., sharpen: _Optional[_Union[Sharpen, _Mapping]] = ..., grayscale: _Optional[_Union[Grayscale, _Mapping]] = ..., extend: _Optional[_Union[Extend, _Mapping]] = ..., trim: _Optional[_Union[Trim, _Mapping]] = ..., flatten: _Optional[_Union[Flatten, _Mapping]] = ..., round_corners: _Optional[_Union[RoundCorners, _Mapping]] = ..., composite: _Optional[_Union[Composite, _Mapping]] = ..., text: _Optional[_Union[Text, _Mapping]] = ..., modulate: _Optional[_Union[Modulate, _Mapping]] = ..., linear: _Optional[_Union[Linear, _Mapping]] = ..., gamma: _Optional[_Union[Gamma, _Mapping]] = ..., tint: _Optional[_Union[Tint, _Mapping]] = ..., normalize: _Optional[_Union[Normalize, _Mapping]] = ..., clahe: _Optional[_Union[Clahe, _Mapping]] = ..., negate: _Optional[_Union[Negate, _Mapping]] = ..., threshold: _Optional[_Union[Threshold, _Mapping]] = ..., median: _Optional[_Union[Median, _Mapping]] = ..., pixelate: _Optional[_Union[Pixelate, _Mapping]] = ..., convolve: _Optional[_Union[Convolve, _Mapping]] = ...) -> None: ...

class OutputOptions(_message.Message):
    __slots__ = ["colors", "delays_ms", "dither", "effort", "format", "keep_metadata", "loop", "lossless", "max_bytes", "min_size", "mixed", "progressive", "quality"]
    COLORS_FIELD_NUMBER: _ClassVar[int]
    DELAYS_MS_FIELD_NUMBER: _ClassVar[int]
    DITHER_FIELD_NUMBER: _ClassVar[int]
    EFFORT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    KEEP_METADATA_FIELD_NUMBER: _ClassVar[int]
    LOOP_FIELD_NUMBER: _ClassVar[int]
    LOSSLESS_FIELD_NUMBER: _ClassVar[int]
    MAX_BYTES_FIELD_NUMBER: _ClassVar[int]
    MIN_SIZE_FIELD_NUMBER: _ClassVar[int]
    MIXED_FIELD_NUMBER: _ClassVar[int]
    PROGRESSIVE_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    colors: int
    delays_ms: _containers.RepeatedScalarFieldContainer[int]
    dither: float
    effort: int
    format: Format
    keep_metadata: bool
    loop: int
    lossless: bool
    max_bytes: int
    min_size: bool
    mixed: bool
    progressive: bool
    quality: int
    def __init__(self, format: _Optional[_Union[Format, str]] = ..., quality: _Optional[int] = ..., lossless: bool = ..., progressive: bool = ..., effort: _Optional[int] = ..., keep_metadata: bool = ..., loop: _Optional[int] = ..., delays_ms: _Optional[_Iterable[int]] = ..., colors: _Optional[int] = ..., dither: _Optional[float] = ..., min_size: bool = ..., mixed: bool = ..., max_bytes: _Optional[int] = ...) -> None: ...

class Pixelate(_message.Message):
    __slots__ = ["size"]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    size: int
    def __init__(self, size: _Optional[int] = ...) -> None: ...

class Placeholders(_message.Message):
    __slots__ = ["blurhash", "lqip", "thumbhash"]
    BLURHASH_FIELD_NUMBER: _ClassVar[int]
    LQIP_FIELD_NUMBER: _ClassVar[int]
    THUMBHASH_FIELD_NUMBER: _ClassVar[int]
    blurhash: str
    lqip: str
    thumbhash: str
    def __init__(self, blurhash: _Optional[str] = ..., thumbhash: _Optional[str] = ..., lqip: _Optional[str] = ...) -> None: ...

class Progress(_message.Message):
    __slots__ = ["elapsed_ms", "operation_count", "operation_index", "queue_position", "stage"]
    ELAPSED_MS_FIELD_NUMBER: _ClassVar[int]
    OPERATION_COUNT_FIELD_NUMBER: _ClassVar[int]
    OPERATION_INDEX_FIELD_NUMBER: _ClassVar[int]
    QUEUE_POSITION_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    elapsed_ms: int
    operation_count: int
    operation_index: int
    queue_position: int
    stage: Stage
    def __init__(self, stage: _Optional[_Union[Stage, str]] = ..., queue_position: _Optional[int] = ..., operation_index: _Optional[int] = ..., operation_count: _Optional[int] = ..., elapsed_ms: _Optional[int] = ...) -> None: ...

class Resize(_message.Message):
    __slots__ = ["background", "fit", "height", "position", "width", "without_enlargement", "without_reduction"]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    FIT_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    WITHOUT_ENLARGEMENT_FIELD_NUMBER: _ClassVar[int]
    WITHOUT_REDUCTION_FIELD_NUMBER: _ClassVar[int]
    background: str
    fit: Fit
    height: int
    position: Position
    width: int
    without_enlargement: bool
    without_reduction: bool
    def __init__(self, width: _Optional[int] = ..., height: _Optional[int] = ..., fit: _Optional[_Union[Fit, str]] = ..., position: _Optional[_Union[Position, str]] = ..., without_enlargement: bool = ..., background: _Optional[str] = ..., without_reduction: bool = ...) -> None: ...

class Rotate(_message.Message):
    __slots__ = ["angle", "background"]
    ANGLE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    angle: float
    background: str
    def __init__(self, angle: _Optional[float] = ..., background: _Optional[str] = ...) -> None: ...

class RoundCorners(_message.Message):
    __slots__ = ["background", "circle", "radius"]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    CIRCLE_FIELD_NUMBER: _ClassVar[int]
    RADIUS_FIELD_NUMBER: _ClassVar[int]
    background: str
    circle: bool
    radius: int
    def __init__(self, radius: _Optional[int] = ..., circle: bool = ..., background: _Optional[str] = ...) -> None: ...

class Sharpen(_message.Message):
    __slots__ = ["m1", "m2", "sigma", "x1", "y2", "y3"]
    M1_FIELD_NUMBER: _ClassVar[int]
    M2_FIELD_NUMBER: _ClassVar[int]
    SIGMA_FIELD_NUMBER: _ClassVar[int]
    X1_FIELD_NUMBER: _ClassVar[int]
    Y2_FIELD_NUMBER: _ClassVar[int]
    Y3_FIELD_NUMBER: _ClassVar[int]
    m1: float
    m2: float
    sigma: float
    x1: float
    y2: float
    y3: float
    def __init__(self, sigma: _Optional[float] = ..., m1: _Optional[float] = ..., m2: _Optional[float] = ..., x1: _Optional[float] = ..., y2: _Optional[float] = ..., y3: _Optional[float] = ...) -> None: ...

class Text(_message.Message):
    __slots__ = ["align", "bold", "color", "font", "gravity", "italic", "justify", "markup", "offset_x", "offset_y", "opacity", "size", "text", "wrap_width"]
    ALIGN_FIELD_NUMBER: _ClassVar[int]
    BOLD_FIELD_NUMBER: _ClassVar[int]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    FONT_FIELD_NUMBER: _ClassVar[int]
    GRAVITY_FIELD_NUMBER: _ClassVar[int]
    ITALIC_FIELD_NUMBER: _ClassVar[int]
    JUSTIFY_FIELD_NUMBER: _ClassVar[int]
    MARKUP_FIELD_NUMBER: _ClassVar[int]
    OFFSET_X_FIELD_NUMBER: _ClassVar[int]
    OFFSET_Y_FIELD_NUMBER: _ClassVar[int]
    OPACITY_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    WRAP_WIDTH_FIELD_NUMBER: _ClassVar[int]
    align: TextAlign
    bold: bool
    color: str
    font: Font
    gravity: Position
    italic: bool
    justify: bool
    markup: bool
    offset_x: int
    offset_y: int
    opacity: float
    size: int
    text: str
    wrap_width: int
    def __init__(self, text: _Optional[str] = ..., font: _Optional[_Union[Font, str]] = ..., size: _Optional[int] = ..., bold: bool = ..., italic: bool = ..., color: _Optional[str] = ..., gravity: _Optional[_Union[Position, str]] = ..., offset_x: _Optional[int] = ..., offset_y: _Optional[int] = ..., wrap_width: _Optional[int] = ..., align: _Optional[_Union[TextAlign, str]] = ..., justify: bool = ..., opacity: _Optional[float] = ..., markup: bool = ...) -> None: ...

class Threshold(_message.Message):
    __slots__ = ["keep_color", "threshold"]
    KEEP_COLOR_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    keep_color: bool
    threshold: int
    def __init__(self, threshold: _Optional[int] = ..., keep_color: bool = ...) -> None: ...

class Tint(_message.Message):
    __slots__ = ["color"]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    color: str
    def __init__(self, color: _Optional[str] = ...) -> None: ...

class TransformRequest(_message.Message):
    __slots__ = ["image", "input", "operations", "output", "preset", "url"]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    PRESET_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    input: InputOptions
    operations: _containers.RepeatedCompositeFieldContainer[Operation]
    output: OutputOptions
    preset: str
    url: str
    def __init__(self, image: _Optional[bytes] = ..., url: _Optional[str] = ..., operations: _Optional[_Iterable[_Union[Operation, _Mapping]]] = ..., output: _Optional[_Union[OutputOptions, _Mapping]] = ..., input: _Optional[_Union[InputOptions, _Mapping]] = ..., preset: _Optional[str] = ...) -> None: ...

class TransformResponse(_message.Message):
    __slots__ = ["image", "info"]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    info: ImageInfo
    def __init__(self, image: _Optional[bytes] = ..., info: _Optional[_Union[ImageInfo, _Mapping]] = ...) -> None: ...

class TransformStreamRequest(_message.Message):
    __slots__ = ["chunk_size", "image", "input", "operations", "output", "preset", "url"]
    CHUNK_SIZE_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    PRESET_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    chunk_size: int
    image: bytes
    input: InputOptions
    operations: _containers.RepeatedCompositeFieldContainer[Operation]
    output: OutputOptions
    preset: str
    url: str
    def __init__(self, image: _Optional[bytes] = ..., url: _Optional[str] = ..., operations: _Optional[_Iterable[_Union[Operation, _Mapping]]] = ..., output: _Optional[_Union[OutputOptions, _Mapping]] = ..., input: _Optional[_Union[InputOptions, _Mapping]] = ..., preset: _Optional[str] = ..., chunk_size: _Optional[int] = ...) -> None: ...

class TransformStreamResponse(_message.Message):
    __slots__ = ["chunk", "info", "progress"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    info: ImageInfo
    progress: Progress
    def __init__(self, progress: _Optional[_Union[Progress, _Mapping]] = ..., info: _Optional[_Union[ImageInfo, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class Trim(_message.Message):
    __slots__ = ["background", "line_art", "threshold"]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    LINE_ART_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    background: str
    line_art: bool
    threshold: float
    def __init__(self, threshold: _Optional[float] = ..., background: _Optional[str] = ..., line_art: bool = ...) -> None: ...

class VariantError(_message.Message):
    __slots__ = ["code", "message"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class VariantSpec(_message.Message):
    __slots__ = ["name", "operations", "output", "preset"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    PRESET_FIELD_NUMBER: _ClassVar[int]
    name: str
    operations: _containers.RepeatedCompositeFieldContainer[Operation]
    output: OutputOptions
    preset: str
    def __init__(self, name: _Optional[str] = ..., operations: _Optional[_Iterable[_Union[Operation, _Mapping]]] = ..., output: _Optional[_Union[OutputOptions, _Mapping]] = ..., preset: _Optional[str] = ...) -> None: ...

class VariantsRequest(_message.Message):
    __slots__ = ["image", "input", "url", "variants"]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    VARIANTS_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    input: InputOptions
    url: str
    variants: _containers.RepeatedCompositeFieldContainer[VariantSpec]
    def __init__(self, image: _Optional[bytes] = ..., url: _Optional[str] = ..., variants: _Optional[_Iterable[_Union[VariantSpec, _Mapping]]] = ..., input: _Optional[_Union[InputOptions, _Mapping]] = ...) -> None: ...

class VariantsResponse(_message.Message):
    __slots__ = ["error", "image", "info", "name"]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    error: VariantError
    image: bytes
    info: ImageInfo
    name: str
    def __init__(self, name: _Optional[str] = ..., image: _Optional[bytes] = ..., info: _Optional[_Union[ImageInfo, _Mapping]] = ..., error: _Optional[_Union[VariantError, _Mapping]] = ...) -> None: ...

class Format(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Fit(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Position(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ExtendWith(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Blend(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Font(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class TextAlign(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Stage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
