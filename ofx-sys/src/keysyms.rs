//! `ofxKeySyms.h`: the properties that report a key press to an interact, and
//! the symbols of the keys (the X11 keysym values).

constants! {
    header = "ofxKeySyms.h";

    /// Property `kOfxPropKeySym`: int, one value.
    ///
    /// Action arguments: OfxInteractActionKeyDown inArgs; OfxInteractActionKeyRepeat inArgs; OfxInteractActionKeyUp inArgs.
    str kOfxPropKeySym = c"kOfxPropKeySym";

    /// Property `kOfxPropKeyString`: string, one value.
    ///
    /// Action arguments: OfxInteractActionKeyDown inArgs; OfxInteractActionKeyRepeat inArgs; OfxInteractActionKeyUp inArgs.
    str kOfxPropKeyString = c"kOfxPropKeyString";

    /// Key symbol for the `Unknown` key (X11 keysym value 0x0000).
    int kOfxKey_Unknown = 0;

    /// Key symbol for the `BackSpace` key (X11 keysym value 0xff08).
    int kOfxKey_BackSpace = 65288;

    /// Key symbol for the `Tab` key (X11 keysym value 0xff09).
    int kOfxKey_Tab = 65289;

    /// Key symbol for the `Linefeed` key (X11 keysym value 0xff0a).
    int kOfxKey_Linefeed = 65290;

    /// Key symbol for the `Clear` key (X11 keysym value 0xff0b).
    int kOfxKey_Clear = 65291;

    /// Key symbol for the `Return` key (X11 keysym value 0xff0d).
    int kOfxKey_Return = 65293;

    /// Key symbol for the `Pause` key (X11 keysym value 0xff13).
    int kOfxKey_Pause = 65299;

    /// Key symbol for the `Scroll_Lock` key (X11 keysym value 0xff14).
    int kOfxKey_Scroll_Lock = 65300;

    /// Key symbol for the `Sys_Req` key (X11 keysym value 0xff15).
    int kOfxKey_Sys_Req = 65301;

    /// Key symbol for the `Escape` key (X11 keysym value 0xff1b).
    int kOfxKey_Escape = 65307;

    /// Key symbol for the `Delete` key (X11 keysym value 0xffff).
    int kOfxKey_Delete = 65535;

    /// Key symbol for the `Multi_key` key (X11 keysym value 0xff20).
    int kOfxKey_Multi_key = 65312;

    /// Key symbol for the `SingleCandidate` key (X11 keysym value 0xff3c).
    int kOfxKey_SingleCandidate = 65340;

    /// Key symbol for the `MultipleCandidate` key (X11 keysym value 0xff3d).
    int kOfxKey_MultipleCandidate = 65341;

    /// Key symbol for the `PreviousCandidate` key (X11 keysym value 0xff3e).
    int kOfxKey_PreviousCandidate = 65342;

    /// Key symbol for the `Kanji` key (X11 keysym value 0xff21).
    int kOfxKey_Kanji = 65313;

    /// Key symbol for the `Muhenkan` key (X11 keysym value 0xff22).
    int kOfxKey_Muhenkan = 65314;

    /// Key symbol for the `Henkan_Mode` key (X11 keysym value 0xff23).
    int kOfxKey_Henkan_Mode = 65315;

    /// Key symbol for the `Henkan` key (X11 keysym value 0xff23).
    int kOfxKey_Henkan = 65315;

    /// Key symbol for the `Romaji` key (X11 keysym value 0xff24).
    int kOfxKey_Romaji = 65316;

    /// Key symbol for the `Hiragana` key (X11 keysym value 0xff25).
    int kOfxKey_Hiragana = 65317;

    /// Key symbol for the `Katakana` key (X11 keysym value 0xff26).
    int kOfxKey_Katakana = 65318;

    /// Key symbol for the `Hiragana_Katakana` key (X11 keysym value 0xff27).
    int kOfxKey_Hiragana_Katakana = 65319;

    /// Key symbol for the `Zenkaku` key (X11 keysym value 0xff28).
    int kOfxKey_Zenkaku = 65320;

    /// Key symbol for the `Hankaku` key (X11 keysym value 0xff29).
    int kOfxKey_Hankaku = 65321;

    /// Key symbol for the `Zenkaku_Hankaku` key (X11 keysym value 0xff2a).
    int kOfxKey_Zenkaku_Hankaku = 65322;

    /// Key symbol for the `Touroku` key (X11 keysym value 0xff2b).
    int kOfxKey_Touroku = 65323;

    /// Key symbol for the `Massyo` key (X11 keysym value 0xff2c).
    int kOfxKey_Massyo = 65324;

    /// Key symbol for the `Kana_Lock` key (X11 keysym value 0xff2d).
    int kOfxKey_Kana_Lock = 65325;

    /// Key symbol for the `Kana_Shift` key (X11 keysym value 0xff2e).
    int kOfxKey_Kana_Shift = 65326;

    /// Key symbol for the `Eisu_Shift` key (X11 keysym value 0xff2f).
    int kOfxKey_Eisu_Shift = 65327;

    /// Key symbol for the `Eisu_toggle` key (X11 keysym value 0xff30).
    int kOfxKey_Eisu_toggle = 65328;

    /// Key symbol for the `Zen_Koho` key (X11 keysym value 0xff3d).
    int kOfxKey_Zen_Koho = 65341;

    /// Key symbol for the `Mae_Koho` key (X11 keysym value 0xff3e).
    int kOfxKey_Mae_Koho = 65342;

    /// Key symbol for the `Home` key (X11 keysym value 0xff50).
    int kOfxKey_Home = 65360;

    /// Key symbol for the `Left` key (X11 keysym value 0xff51).
    int kOfxKey_Left = 65361;

    /// Key symbol for the `Up` key (X11 keysym value 0xff52).
    int kOfxKey_Up = 65362;

    /// Key symbol for the `Right` key (X11 keysym value 0xff53).
    int kOfxKey_Right = 65363;

    /// Key symbol for the `Down` key (X11 keysym value 0xff54).
    int kOfxKey_Down = 65364;

    /// Key symbol for the `Prior` key (X11 keysym value 0xff55).
    int kOfxKey_Prior = 65365;

    /// Key symbol for the `Page_Up` key (X11 keysym value 0xff55).
    int kOfxKey_Page_Up = 65365;

    /// Key symbol for the `Next` key (X11 keysym value 0xff56).
    int kOfxKey_Next = 65366;

    /// Key symbol for the `Page_Down` key (X11 keysym value 0xff56).
    int kOfxKey_Page_Down = 65366;

    /// Key symbol for the `End` key (X11 keysym value 0xff57).
    int kOfxKey_End = 65367;

    /// Key symbol for the `Begin` key (X11 keysym value 0xff58).
    int kOfxKey_Begin = 65368;

    /// Key symbol for the `Select` key (X11 keysym value 0xff60).
    int kOfxKey_Select = 65376;

    /// Key symbol for the `Print` key (X11 keysym value 0xff61).
    int kOfxKey_Print = 65377;

    /// Key symbol for the `Execute` key (X11 keysym value 0xff62).
    int kOfxKey_Execute = 65378;

    /// Key symbol for the `Insert` key (X11 keysym value 0xff63).
    int kOfxKey_Insert = 65379;

    /// Key symbol for the `Undo` key (X11 keysym value 0xff65).
    int kOfxKey_Undo = 65381;

    /// Key symbol for the `Redo` key (X11 keysym value 0xff66).
    int kOfxKey_Redo = 65382;

    /// Key symbol for the `Menu` key (X11 keysym value 0xff67).
    int kOfxKey_Menu = 65383;

    /// Key symbol for the `Find` key (X11 keysym value 0xff68).
    int kOfxKey_Find = 65384;

    /// Key symbol for the `Cancel` key (X11 keysym value 0xff69).
    int kOfxKey_Cancel = 65385;

    /// Key symbol for the `Help` key (X11 keysym value 0xff6a).
    int kOfxKey_Help = 65386;

    /// Key symbol for the `Break` key (X11 keysym value 0xff6b).
    int kOfxKey_Break = 65387;

    /// Key symbol for the `Mode_switch` key (X11 keysym value 0xff7e).
    int kOfxKey_Mode_switch = 65406;

    /// Key symbol for the `script_switch` key (X11 keysym value 0xff7e).
    int kOfxKey_script_switch = 65406;

    /// Key symbol for the `Num_Lock` key (X11 keysym value 0xff7f).
    int kOfxKey_Num_Lock = 65407;

    /// Key symbol for the `KP_Space` key (X11 keysym value 0xff80).
    int kOfxKey_KP_Space = 65408;

    /// Key symbol for the `KP_Tab` key (X11 keysym value 0xff89).
    int kOfxKey_KP_Tab = 65417;

    /// Key symbol for the `KP_Enter` key (X11 keysym value 0xff8d).
    int kOfxKey_KP_Enter = 65421;

    /// Key symbol for the `KP_F1` key (X11 keysym value 0xff91).
    int kOfxKey_KP_F1 = 65425;

    /// Key symbol for the `KP_F2` key (X11 keysym value 0xff92).
    int kOfxKey_KP_F2 = 65426;

    /// Key symbol for the `KP_F3` key (X11 keysym value 0xff93).
    int kOfxKey_KP_F3 = 65427;

    /// Key symbol for the `KP_F4` key (X11 keysym value 0xff94).
    int kOfxKey_KP_F4 = 65428;

    /// Key symbol for the `KP_Home` key (X11 keysym value 0xff95).
    int kOfxKey_KP_Home = 65429;

    /// Key symbol for the `KP_Left` key (X11 keysym value 0xff96).
    int kOfxKey_KP_Left = 65430;

    /// Key symbol for the `KP_Up` key (X11 keysym value 0xff97).
    int kOfxKey_KP_Up = 65431;

    /// Key symbol for the `KP_Right` key (X11 keysym value 0xff98).
    int kOfxKey_KP_Right = 65432;

    /// Key symbol for the `KP_Down` key (X11 keysym value 0xff99).
    int kOfxKey_KP_Down = 65433;

    /// Key symbol for the `KP_Prior` key (X11 keysym value 0xff9a).
    int kOfxKey_KP_Prior = 65434;

    /// Key symbol for the `KP_Page_Up` key (X11 keysym value 0xff9a).
    int kOfxKey_KP_Page_Up = 65434;

    /// Key symbol for the `KP_Next` key (X11 keysym value 0xff9b).
    int kOfxKey_KP_Next = 65435;

    /// Key symbol for the `KP_Page_Down` key (X11 keysym value 0xff9b).
    int kOfxKey_KP_Page_Down = 65435;

    /// Key symbol for the `KP_End` key (X11 keysym value 0xff9c).
    int kOfxKey_KP_End = 65436;

    /// Key symbol for the `KP_Begin` key (X11 keysym value 0xff9d).
    int kOfxKey_KP_Begin = 65437;

    /// Key symbol for the `KP_Insert` key (X11 keysym value 0xff9e).
    int kOfxKey_KP_Insert = 65438;

    /// Key symbol for the `KP_Delete` key (X11 keysym value 0xff9f).
    int kOfxKey_KP_Delete = 65439;

    /// Key symbol for the `KP_Equal` key (X11 keysym value 0xffbd).
    int kOfxKey_KP_Equal = 65469;

    /// Key symbol for the `KP_Multiply` key (X11 keysym value 0xffaa).
    int kOfxKey_KP_Multiply = 65450;

    /// Key symbol for the `KP_Add` key (X11 keysym value 0xffab).
    int kOfxKey_KP_Add = 65451;

    /// Key symbol for the `KP_Separator` key (X11 keysym value 0xffac).
    int kOfxKey_KP_Separator = 65452;

    /// Key symbol for the `KP_Subtract` key (X11 keysym value 0xffad).
    int kOfxKey_KP_Subtract = 65453;

    /// Key symbol for the `KP_Decimal` key (X11 keysym value 0xffae).
    int kOfxKey_KP_Decimal = 65454;

    /// Key symbol for the `KP_Divide` key (X11 keysym value 0xffaf).
    int kOfxKey_KP_Divide = 65455;

    /// Key symbol for the `KP_0` key (X11 keysym value 0xffb0).
    int kOfxKey_KP_0 = 65456;

    /// Key symbol for the `KP_1` key (X11 keysym value 0xffb1).
    int kOfxKey_KP_1 = 65457;

    /// Key symbol for the `KP_2` key (X11 keysym value 0xffb2).
    int kOfxKey_KP_2 = 65458;

    /// Key symbol for the `KP_3` key (X11 keysym value 0xffb3).
    int kOfxKey_KP_3 = 65459;

    /// Key symbol for the `KP_4` key (X11 keysym value 0xffb4).
    int kOfxKey_KP_4 = 65460;

    /// Key symbol for the `KP_5` key (X11 keysym value 0xffb5).
    int kOfxKey_KP_5 = 65461;

    /// Key symbol for the `KP_6` key (X11 keysym value 0xffb6).
    int kOfxKey_KP_6 = 65462;

    /// Key symbol for the `KP_7` key (X11 keysym value 0xffb7).
    int kOfxKey_KP_7 = 65463;

    /// Key symbol for the `KP_8` key (X11 keysym value 0xffb8).
    int kOfxKey_KP_8 = 65464;

    /// Key symbol for the `KP_9` key (X11 keysym value 0xffb9).
    int kOfxKey_KP_9 = 65465;

    /// Key symbol for the `F1` key (X11 keysym value 0xffbe).
    int kOfxKey_F1 = 65470;

    /// Key symbol for the `F2` key (X11 keysym value 0xffbf).
    int kOfxKey_F2 = 65471;

    /// Key symbol for the `F3` key (X11 keysym value 0xffc0).
    int kOfxKey_F3 = 65472;

    /// Key symbol for the `F4` key (X11 keysym value 0xffc1).
    int kOfxKey_F4 = 65473;

    /// Key symbol for the `F5` key (X11 keysym value 0xffc2).
    int kOfxKey_F5 = 65474;

    /// Key symbol for the `F6` key (X11 keysym value 0xffc3).
    int kOfxKey_F6 = 65475;

    /// Key symbol for the `F7` key (X11 keysym value 0xffc4).
    int kOfxKey_F7 = 65476;

    /// Key symbol for the `F8` key (X11 keysym value 0xffc5).
    int kOfxKey_F8 = 65477;

    /// Key symbol for the `F9` key (X11 keysym value 0xffc6).
    int kOfxKey_F9 = 65478;

    /// Key symbol for the `F10` key (X11 keysym value 0xffc7).
    int kOfxKey_F10 = 65479;

    /// Key symbol for the `F11` key (X11 keysym value 0xffc8).
    int kOfxKey_F11 = 65480;

    /// Key symbol for the `L1` key (X11 keysym value 0xffc8).
    int kOfxKey_L1 = 65480;

    /// Key symbol for the `F12` key (X11 keysym value 0xffc9).
    int kOfxKey_F12 = 65481;

    /// Key symbol for the `L2` key (X11 keysym value 0xffc9).
    int kOfxKey_L2 = 65481;

    /// Key symbol for the `F13` key (X11 keysym value 0xffca).
    int kOfxKey_F13 = 65482;

    /// Key symbol for the `L3` key (X11 keysym value 0xffca).
    int kOfxKey_L3 = 65482;

    /// Key symbol for the `F14` key (X11 keysym value 0xffcb).
    int kOfxKey_F14 = 65483;

    /// Key symbol for the `L4` key (X11 keysym value 0xffcb).
    int kOfxKey_L4 = 65483;

    /// Key symbol for the `F15` key (X11 keysym value 0xffcc).
    int kOfxKey_F15 = 65484;

    /// Key symbol for the `L5` key (X11 keysym value 0xffcc).
    int kOfxKey_L5 = 65484;

    /// Key symbol for the `F16` key (X11 keysym value 0xffcd).
    int kOfxKey_F16 = 65485;

    /// Key symbol for the `L6` key (X11 keysym value 0xffcd).
    int kOfxKey_L6 = 65485;

    /// Key symbol for the `F17` key (X11 keysym value 0xffce).
    int kOfxKey_F17 = 65486;

    /// Key symbol for the `L7` key (X11 keysym value 0xffce).
    int kOfxKey_L7 = 65486;

    /// Key symbol for the `F18` key (X11 keysym value 0xffcf).
    int kOfxKey_F18 = 65487;

    /// Key symbol for the `L8` key (X11 keysym value 0xffcf).
    int kOfxKey_L8 = 65487;

    /// Key symbol for the `F19` key (X11 keysym value 0xffd0).
    int kOfxKey_F19 = 65488;

    /// Key symbol for the `L9` key (X11 keysym value 0xffd0).
    int kOfxKey_L9 = 65488;

    /// Key symbol for the `F20` key (X11 keysym value 0xffd1).
    int kOfxKey_F20 = 65489;

    /// Key symbol for the `L10` key (X11 keysym value 0xffd1).
    int kOfxKey_L10 = 65489;

    /// Key symbol for the `F21` key (X11 keysym value 0xffd2).
    int kOfxKey_F21 = 65490;

    /// Key symbol for the `R1` key (X11 keysym value 0xffd2).
    int kOfxKey_R1 = 65490;

    /// Key symbol for the `F22` key (X11 keysym value 0xffd3).
    int kOfxKey_F22 = 65491;

    /// Key symbol for the `R2` key (X11 keysym value 0xffd3).
    int kOfxKey_R2 = 65491;

    /// Key symbol for the `F23` key (X11 keysym value 0xffd4).
    int kOfxKey_F23 = 65492;

    /// Key symbol for the `R3` key (X11 keysym value 0xffd4).
    int kOfxKey_R3 = 65492;

    /// Key symbol for the `F24` key (X11 keysym value 0xffd5).
    int kOfxKey_F24 = 65493;

    /// Key symbol for the `R4` key (X11 keysym value 0xffd5).
    int kOfxKey_R4 = 65493;

    /// Key symbol for the `F25` key (X11 keysym value 0xffd6).
    int kOfxKey_F25 = 65494;

    /// Key symbol for the `R5` key (X11 keysym value 0xffd6).
    int kOfxKey_R5 = 65494;

    /// Key symbol for the `F26` key (X11 keysym value 0xffd7).
    int kOfxKey_F26 = 65495;

    /// Key symbol for the `R6` key (X11 keysym value 0xffd7).
    int kOfxKey_R6 = 65495;

    /// Key symbol for the `F27` key (X11 keysym value 0xffd8).
    int kOfxKey_F27 = 65496;

    /// Key symbol for the `R7` key (X11 keysym value 0xffd8).
    int kOfxKey_R7 = 65496;

    /// Key symbol for the `F28` key (X11 keysym value 0xffd9).
    int kOfxKey_F28 = 65497;

    /// Key symbol for the `R8` key (X11 keysym value 0xffd9).
    int kOfxKey_R8 = 65497;

    /// Key symbol for the `F29` key (X11 keysym value 0xffda).
    int kOfxKey_F29 = 65498;

    /// Key symbol for the `R9` key (X11 keysym value 0xffda).
    int kOfxKey_R9 = 65498;

    /// Key symbol for the `F30` key (X11 keysym value 0xffdb).
    int kOfxKey_F30 = 65499;

    /// Key symbol for the `R10` key (X11 keysym value 0xffdb).
    int kOfxKey_R10 = 65499;

    /// Key symbol for the `F31` key (X11 keysym value 0xffdc).
    int kOfxKey_F31 = 65500;

    /// Key symbol for the `R11` key (X11 keysym value 0xffdc).
    int kOfxKey_R11 = 65500;

    /// Key symbol for the `F32` key (X11 keysym value 0xffdd).
    int kOfxKey_F32 = 65501;

    /// Key symbol for the `R12` key (X11 keysym value 0xffdd).
    int kOfxKey_R12 = 65501;

    /// Key symbol for the `F33` key (X11 keysym value 0xffde).
    int kOfxKey_F33 = 65502;

    /// Key symbol for the `R13` key (X11 keysym value 0xffde).
    int kOfxKey_R13 = 65502;

    /// Key symbol for the `F34` key (X11 keysym value 0xffdf).
    int kOfxKey_F34 = 65503;

    /// Key symbol for the `R14` key (X11 keysym value 0xffdf).
    int kOfxKey_R14 = 65503;

    /// Key symbol for the `F35` key (X11 keysym value 0xffe0).
    int kOfxKey_F35 = 65504;

    /// Key symbol for the `R15` key (X11 keysym value 0xffe0).
    int kOfxKey_R15 = 65504;

    /// Key symbol for the `Shift_L` key (X11 keysym value 0xffe1).
    int kOfxKey_Shift_L = 65505;

    /// Key symbol for the `Shift_R` key (X11 keysym value 0xffe2).
    int kOfxKey_Shift_R = 65506;

    /// Key symbol for the `Control_L` key (X11 keysym value 0xffe3).
    int kOfxKey_Control_L = 65507;

    /// Key symbol for the `Control_R` key (X11 keysym value 0xffe4).
    int kOfxKey_Control_R = 65508;

    /// Key symbol for the `Caps_Lock` key (X11 keysym value 0xffe5).
    int kOfxKey_Caps_Lock = 65509;

    /// Key symbol for the `Shift_Lock` key (X11 keysym value 0xffe6).
    int kOfxKey_Shift_Lock = 65510;

    /// Key symbol for the `Meta_L` key (X11 keysym value 0xffe7).
    int kOfxKey_Meta_L = 65511;

    /// Key symbol for the `Meta_R` key (X11 keysym value 0xffe8).
    int kOfxKey_Meta_R = 65512;

    /// Key symbol for the `Alt_L` key (X11 keysym value 0xffe9).
    int kOfxKey_Alt_L = 65513;

    /// Key symbol for the `Alt_R` key (X11 keysym value 0xffea).
    int kOfxKey_Alt_R = 65514;

    /// Key symbol for the `Super_L` key (X11 keysym value 0xffeb).
    int kOfxKey_Super_L = 65515;

    /// Key symbol for the `Super_R` key (X11 keysym value 0xffec).
    int kOfxKey_Super_R = 65516;

    /// Key symbol for the `Hyper_L` key (X11 keysym value 0xffed).
    int kOfxKey_Hyper_L = 65517;

    /// Key symbol for the `Hyper_R` key (X11 keysym value 0xffee).
    int kOfxKey_Hyper_R = 65518;

    /// Key symbol for the `space` key (X11 keysym value 0x0020).
    int kOfxKey_space = 32;

    /// Key symbol for the `exclam` key (X11 keysym value 0x0021).
    int kOfxKey_exclam = 33;

    /// Key symbol for the `quotedbl` key (X11 keysym value 0x0022).
    int kOfxKey_quotedbl = 34;

    /// Key symbol for the `numbersign` key (X11 keysym value 0x0023).
    int kOfxKey_numbersign = 35;

    /// Key symbol for the `dollar` key (X11 keysym value 0x0024).
    int kOfxKey_dollar = 36;

    /// Key symbol for the `percent` key (X11 keysym value 0x0025).
    int kOfxKey_percent = 37;

    /// Key symbol for the `ampersand` key (X11 keysym value 0x0026).
    int kOfxKey_ampersand = 38;

    /// Key symbol for the `apostrophe` key (X11 keysym value 0x0027).
    int kOfxKey_apostrophe = 39;

    /// Key symbol for the `quoteright` key (X11 keysym value 0x0027).
    int kOfxKey_quoteright = 39;

    /// Key symbol for the `parenleft` key (X11 keysym value 0x0028).
    int kOfxKey_parenleft = 40;

    /// Key symbol for the `parenright` key (X11 keysym value 0x0029).
    int kOfxKey_parenright = 41;

    /// Key symbol for the `asterisk` key (X11 keysym value 0x002a).
    int kOfxKey_asterisk = 42;

    /// Key symbol for the `plus` key (X11 keysym value 0x002b).
    int kOfxKey_plus = 43;

    /// Key symbol for the `comma` key (X11 keysym value 0x002c).
    int kOfxKey_comma = 44;

    /// Key symbol for the `minus` key (X11 keysym value 0x002d).
    int kOfxKey_minus = 45;

    /// Key symbol for the `period` key (X11 keysym value 0x002e).
    int kOfxKey_period = 46;

    /// Key symbol for the `slash` key (X11 keysym value 0x002f).
    int kOfxKey_slash = 47;

    /// Key symbol for the `0` key (X11 keysym value 0x0030).
    int kOfxKey_0 = 48;

    /// Key symbol for the `1` key (X11 keysym value 0x0031).
    int kOfxKey_1 = 49;

    /// Key symbol for the `2` key (X11 keysym value 0x0032).
    int kOfxKey_2 = 50;

    /// Key symbol for the `3` key (X11 keysym value 0x0033).
    int kOfxKey_3 = 51;

    /// Key symbol for the `4` key (X11 keysym value 0x0034).
    int kOfxKey_4 = 52;

    /// Key symbol for the `5` key (X11 keysym value 0x0035).
    int kOfxKey_5 = 53;

    /// Key symbol for the `6` key (X11 keysym value 0x0036).
    int kOfxKey_6 = 54;

    /// Key symbol for the `7` key (X11 keysym value 0x0037).
    int kOfxKey_7 = 55;

    /// Key symbol for the `8` key (X11 keysym value 0x0038).
    int kOfxKey_8 = 56;

    /// Key symbol for the `9` key (X11 keysym value 0x0039).
    int kOfxKey_9 = 57;

    /// Key symbol for the `colon` key (X11 keysym value 0x003a).
    int kOfxKey_colon = 58;

    /// Key symbol for the `semicolon` key (X11 keysym value 0x003b).
    int kOfxKey_semicolon = 59;

    /// Key symbol for the `less` key (X11 keysym value 0x003c).
    int kOfxKey_less = 60;

    /// Key symbol for the `equal` key (X11 keysym value 0x003d).
    int kOfxKey_equal = 61;

    /// Key symbol for the `greater` key (X11 keysym value 0x003e).
    int kOfxKey_greater = 62;

    /// Key symbol for the `question` key (X11 keysym value 0x003f).
    int kOfxKey_question = 63;

    /// Key symbol for the `at` key (X11 keysym value 0x0040).
    int kOfxKey_at = 64;

    /// Key symbol for the `A` key (X11 keysym value 0x0041).
    int kOfxKey_A = 65;

    /// Key symbol for the `B` key (X11 keysym value 0x0042).
    int kOfxKey_B = 66;

    /// Key symbol for the `C` key (X11 keysym value 0x0043).
    int kOfxKey_C = 67;

    /// Key symbol for the `D` key (X11 keysym value 0x0044).
    int kOfxKey_D = 68;

    /// Key symbol for the `E` key (X11 keysym value 0x0045).
    int kOfxKey_E = 69;

    /// Key symbol for the `F` key (X11 keysym value 0x0046).
    int kOfxKey_F = 70;

    /// Key symbol for the `G` key (X11 keysym value 0x0047).
    int kOfxKey_G = 71;

    /// Key symbol for the `I` key (X11 keysym value 0x0049).
    int kOfxKey_I = 73;

    /// Key symbol for the `J` key (X11 keysym value 0x004a).
    int kOfxKey_J = 74;

    /// Key symbol for the `K` key (X11 keysym value 0x004b).
    int kOfxKey_K = 75;

    /// Key symbol for the `L` key (X11 keysym value 0x004c).
    int kOfxKey_L = 76;

    /// Key symbol for the `M` key (X11 keysym value 0x004d).
    int kOfxKey_M = 77;

    /// Key symbol for the `N` key (X11 keysym value 0x004e).
    int kOfxKey_N = 78;

    /// Key symbol for the `O` key (X11 keysym value 0x004f).
    int kOfxKey_O = 79;

    /// Key symbol for the `P` key (X11 keysym value 0x0050).
    int kOfxKey_P = 80;

    /// Key symbol for the `Q` key (X11 keysym value 0x0051).
    int kOfxKey_Q = 81;

    /// Key symbol for the `R` key (X11 keysym value 0x0052).
    int kOfxKey_R = 82;

    /// Key symbol for the `S` key (X11 keysym value 0x0053).
    int kOfxKey_S = 83;

    /// Key symbol for the `T` key (X11 keysym value 0x0054).
    int kOfxKey_T = 84;

    /// Key symbol for the `U` key (X11 keysym value 0x0055).
    int kOfxKey_U = 85;

    /// Key symbol for the `V` key (X11 keysym value 0x0056).
    int kOfxKey_V = 86;

    /// Key symbol for the `W` key (X11 keysym value 0x0057).
    int kOfxKey_W = 87;

    /// Key symbol for the `X` key (X11 keysym value 0x0058).
    int kOfxKey_X = 88;

    /// Key symbol for the `Y` key (X11 keysym value 0x0059).
    int kOfxKey_Y = 89;

    /// Key symbol for the `Z` key (X11 keysym value 0x005a).
    int kOfxKey_Z = 90;

    /// Key symbol for the `bracketleft` key (X11 keysym value 0x005b).
    int kOfxKey_bracketleft = 91;

    /// Key symbol for the `backslash` key (X11 keysym value 0x005c).
    int kOfxKey_backslash = 92;

    /// Key symbol for the `bracketright` key (X11 keysym value 0x005d).
    int kOfxKey_bracketright = 93;

    /// Key symbol for the `asciicircum` key (X11 keysym value 0x005e).
    int kOfxKey_asciicircum = 94;

    /// Key symbol for the `underscore` key (X11 keysym value 0x005f).
    int kOfxKey_underscore = 95;

    /// Key symbol for the `grave` key (X11 keysym value 0x0060).
    int kOfxKey_grave = 96;

    /// Key symbol for the `quoteleft` key (X11 keysym value 0x0060).
    int kOfxKey_quoteleft = 96;

    /// Key symbol for the `a` key (X11 keysym value 0x0061).
    int kOfxKey_a = 97;

    /// Key symbol for the `b` key (X11 keysym value 0x0062).
    int kOfxKey_b = 98;

    /// Key symbol for the `c` key (X11 keysym value 0x0063).
    int kOfxKey_c = 99;

    /// Key symbol for the `d` key (X11 keysym value 0x0064).
    int kOfxKey_d = 100;

    /// Key symbol for the `e` key (X11 keysym value 0x0065).
    int kOfxKey_e = 101;

    /// Key symbol for the `f` key (X11 keysym value 0x0066).
    int kOfxKey_f = 102;

    /// Key symbol for the `g` key (X11 keysym value 0x0067).
    int kOfxKey_g = 103;

    /// Key symbol for the `i` key (X11 keysym value 0x0069).
    int kOfxKey_i = 105;

    /// Key symbol for the `j` key (X11 keysym value 0x006a).
    int kOfxKey_j = 106;

    /// Key symbol for the `k` key (X11 keysym value 0x006b).
    int kOfxKey_k = 107;

    /// Key symbol for the `l` key (X11 keysym value 0x006c).
    int kOfxKey_l = 108;

    /// Key symbol for the `m` key (X11 keysym value 0x006d).
    int kOfxKey_m = 109;

    /// Key symbol for the `n` key (X11 keysym value 0x006e).
    int kOfxKey_n = 110;

    /// Key symbol for the `o` key (X11 keysym value 0x006f).
    int kOfxKey_o = 111;

    /// Key symbol for the `p` key (X11 keysym value 0x0070).
    int kOfxKey_p = 112;

    /// Key symbol for the `q` key (X11 keysym value 0x0071).
    int kOfxKey_q = 113;

    /// Key symbol for the `r` key (X11 keysym value 0x0072).
    int kOfxKey_r = 114;

    /// Key symbol for the `s` key (X11 keysym value 0x0073).
    int kOfxKey_s = 115;

    /// Key symbol for the `t` key (X11 keysym value 0x0074).
    int kOfxKey_t = 116;

    /// Key symbol for the `u` key (X11 keysym value 0x0075).
    int kOfxKey_u = 117;

    /// Key symbol for the `v` key (X11 keysym value 0x0076).
    int kOfxKey_v = 118;

    /// Key symbol for the `w` key (X11 keysym value 0x0077).
    int kOfxKey_w = 119;

    /// Key symbol for the `x` key (X11 keysym value 0x0078).
    int kOfxKey_x = 120;

    /// Key symbol for the `y` key (X11 keysym value 0x0079).
    int kOfxKey_y = 121;

    /// Key symbol for the `z` key (X11 keysym value 0x007a).
    int kOfxKey_z = 122;

    /// Key symbol for the `braceleft` key (X11 keysym value 0x007b).
    int kOfxKey_braceleft = 123;

    /// Key symbol for the `bar` key (X11 keysym value 0x007c).
    int kOfxKey_bar = 124;

    /// Key symbol for the `braceright` key (X11 keysym value 0x007d).
    int kOfxKey_braceright = 125;

    /// Key symbol for the `asciitilde` key (X11 keysym value 0x007e).
    int kOfxKey_asciitilde = 126;

    /// Key symbol for the `nobreakspace` key (X11 keysym value 0x00a0).
    int kOfxKey_nobreakspace = 160;

    /// Key symbol for the `exclamdown` key (X11 keysym value 0x00a1).
    int kOfxKey_exclamdown = 161;

    /// Key symbol for the `cent` key (X11 keysym value 0x00a2).
    int kOfxKey_cent = 162;

    /// Key symbol for the `sterling` key (X11 keysym value 0x00a3).
    int kOfxKey_sterling = 163;

    /// Key symbol for the `currency` key (X11 keysym value 0x00a4).
    int kOfxKey_currency = 164;

    /// Key symbol for the `yen` key (X11 keysym value 0x00a5).
    int kOfxKey_yen = 165;

    /// Key symbol for the `brokenbar` key (X11 keysym value 0x00a6).
    int kOfxKey_brokenbar = 166;

    /// Key symbol for the `section` key (X11 keysym value 0x00a7).
    int kOfxKey_section = 167;

    /// Key symbol for the `diaeresis` key (X11 keysym value 0x00a8).
    int kOfxKey_diaeresis = 168;

    /// Key symbol for the `copyright` key (X11 keysym value 0x00a9).
    int kOfxKey_copyright = 169;

    /// Key symbol for the `ordfeminine` key (X11 keysym value 0x00aa).
    int kOfxKey_ordfeminine = 170;

    /// Key symbol for the `guillemotleft` key (X11 keysym value 0x00ab).
    int kOfxKey_guillemotleft = 171;

    /// Key symbol for the `notsign` key (X11 keysym value 0x00ac).
    int kOfxKey_notsign = 172;

    /// Key symbol for the `hyphen` key (X11 keysym value 0x00ad).
    int kOfxKey_hyphen = 173;

    /// Key symbol for the `registered` key (X11 keysym value 0x00ae).
    int kOfxKey_registered = 174;

    /// Key symbol for the `macron` key (X11 keysym value 0x00af).
    int kOfxKey_macron = 175;

    /// Key symbol for the `degree` key (X11 keysym value 0x00b0).
    int kOfxKey_degree = 176;

    /// Key symbol for the `plusminus` key (X11 keysym value 0x00b1).
    int kOfxKey_plusminus = 177;

    /// Key symbol for the `twosuperior` key (X11 keysym value 0x00b2).
    int kOfxKey_twosuperior = 178;

    /// Key symbol for the `threesuperior` key (X11 keysym value 0x00b3).
    int kOfxKey_threesuperior = 179;

    /// Key symbol for the `acute` key (X11 keysym value 0x00b4).
    int kOfxKey_acute = 180;

    /// Key symbol for the `mu` key (X11 keysym value 0x00b5).
    int kOfxKey_mu = 181;

    /// Key symbol for the `paragraph` key (X11 keysym value 0x00b6).
    int kOfxKey_paragraph = 182;

    /// Key symbol for the `periodcentered` key (X11 keysym value 0x00b7).
    int kOfxKey_periodcentered = 183;

    /// Key symbol for the `cedilla` key (X11 keysym value 0x00b8).
    int kOfxKey_cedilla = 184;

    /// Key symbol for the `onesuperior` key (X11 keysym value 0x00b9).
    int kOfxKey_onesuperior = 185;

    /// Key symbol for the `masculine` key (X11 keysym value 0x00ba).
    int kOfxKey_masculine = 186;

    /// Key symbol for the `guillemotright` key (X11 keysym value 0x00bb).
    int kOfxKey_guillemotright = 187;

    /// Key symbol for the `onequarter` key (X11 keysym value 0x00bc).
    int kOfxKey_onequarter = 188;

    /// Key symbol for the `onehalf` key (X11 keysym value 0x00bd).
    int kOfxKey_onehalf = 189;

    /// Key symbol for the `threequarters` key (X11 keysym value 0x00be).
    int kOfxKey_threequarters = 190;

    /// Key symbol for the `questiondown` key (X11 keysym value 0x00bf).
    int kOfxKey_questiondown = 191;

    /// Key symbol for the `Agrave` key (X11 keysym value 0x00c0).
    int kOfxKey_Agrave = 192;

    /// Key symbol for the `Aacute` key (X11 keysym value 0x00c1).
    int kOfxKey_Aacute = 193;

    /// Key symbol for the `Acircumflex` key (X11 keysym value 0x00c2).
    int kOfxKey_Acircumflex = 194;

    /// Key symbol for the `Atilde` key (X11 keysym value 0x00c3).
    int kOfxKey_Atilde = 195;

    /// Key symbol for the `Adiaeresis` key (X11 keysym value 0x00c4).
    int kOfxKey_Adiaeresis = 196;

    /// Key symbol for the `Aring` key (X11 keysym value 0x00c5).
    int kOfxKey_Aring = 197;

    /// Key symbol for the `AE` key (X11 keysym value 0x00c6).
    int kOfxKey_AE = 198;

    /// Key symbol for the `Ccedilla` key (X11 keysym value 0x00c7).
    int kOfxKey_Ccedilla = 199;

    /// Key symbol for the `Egrave` key (X11 keysym value 0x00c8).
    int kOfxKey_Egrave = 200;

    /// Key symbol for the `Eacute` key (X11 keysym value 0x00c9).
    int kOfxKey_Eacute = 201;

    /// Key symbol for the `Ecircumflex` key (X11 keysym value 0x00ca).
    int kOfxKey_Ecircumflex = 202;

    /// Key symbol for the `Ediaeresis` key (X11 keysym value 0x00cb).
    int kOfxKey_Ediaeresis = 203;

    /// Key symbol for the `Igrave` key (X11 keysym value 0x00cc).
    int kOfxKey_Igrave = 204;

    /// Key symbol for the `Iacute` key (X11 keysym value 0x00cd).
    int kOfxKey_Iacute = 205;

    /// Key symbol for the `Icircumflex` key (X11 keysym value 0x00ce).
    int kOfxKey_Icircumflex = 206;

    /// Key symbol for the `Idiaeresis` key (X11 keysym value 0x00cf).
    int kOfxKey_Idiaeresis = 207;

    /// Key symbol for the `ETH` key (X11 keysym value 0x00d0).
    int kOfxKey_ETH = 208;

    /// Key symbol for the `Eth` key (X11 keysym value 0x00d0).
    int kOfxKey_Eth = 208;

    /// Key symbol for the `Ntilde` key (X11 keysym value 0x00d1).
    int kOfxKey_Ntilde = 209;

    /// Key symbol for the `Ograve` key (X11 keysym value 0x00d2).
    int kOfxKey_Ograve = 210;

    /// Key symbol for the `Oacute` key (X11 keysym value 0x00d3).
    int kOfxKey_Oacute = 211;

    /// Key symbol for the `Ocircumflex` key (X11 keysym value 0x00d4).
    int kOfxKey_Ocircumflex = 212;

    /// Key symbol for the `Otilde` key (X11 keysym value 0x00d5).
    int kOfxKey_Otilde = 213;

    /// Key symbol for the `Odiaeresis` key (X11 keysym value 0x00d6).
    int kOfxKey_Odiaeresis = 214;

    /// Key symbol for the `multiply` key (X11 keysym value 0x00d7).
    int kOfxKey_multiply = 215;

    /// Key symbol for the `Ooblique` key (X11 keysym value 0x00d8).
    int kOfxKey_Ooblique = 216;

    /// Key symbol for the `Ugrave` key (X11 keysym value 0x00d9).
    int kOfxKey_Ugrave = 217;

    /// Key symbol for the `Uacute` key (X11 keysym value 0x00da).
    int kOfxKey_Uacute = 218;

    /// Key symbol for the `Ucircumflex` key (X11 keysym value 0x00db).
    int kOfxKey_Ucircumflex = 219;

    /// Key symbol for the `Udiaeresis` key (X11 keysym value 0x00dc).
    int kOfxKey_Udiaeresis = 220;

    /// Key symbol for the `Yacute` key (X11 keysym value 0x00dd).
    int kOfxKey_Yacute = 221;

    /// Key symbol for the `THORN` key (X11 keysym value 0x00de).
    int kOfxKey_THORN = 222;

    /// Key symbol for the `ssharp` key (X11 keysym value 0x00df).
    int kOfxKey_ssharp = 223;

    /// Key symbol for the `agrave` key (X11 keysym value 0x00e0).
    int kOfxKey_agrave = 224;

    /// Key symbol for the `aacute` key (X11 keysym value 0x00e1).
    int kOfxKey_aacute = 225;

    /// Key symbol for the `acircumflex` key (X11 keysym value 0x00e2).
    int kOfxKey_acircumflex = 226;

    /// Key symbol for the `atilde` key (X11 keysym value 0x00e3).
    int kOfxKey_atilde = 227;

    /// Key symbol for the `adiaeresis` key (X11 keysym value 0x00e4).
    int kOfxKey_adiaeresis = 228;

    /// Key symbol for the `aring` key (X11 keysym value 0x00e5).
    int kOfxKey_aring = 229;

    /// Key symbol for the `ae` key (X11 keysym value 0x00e6).
    int kOfxKey_ae = 230;

    /// Key symbol for the `ccedilla` key (X11 keysym value 0x00e7).
    int kOfxKey_ccedilla = 231;

    /// Key symbol for the `egrave` key (X11 keysym value 0x00e8).
    int kOfxKey_egrave = 232;

    /// Key symbol for the `eacute` key (X11 keysym value 0x00e9).
    int kOfxKey_eacute = 233;

    /// Key symbol for the `ecircumflex` key (X11 keysym value 0x00ea).
    int kOfxKey_ecircumflex = 234;

    /// Key symbol for the `ediaeresis` key (X11 keysym value 0x00eb).
    int kOfxKey_ediaeresis = 235;

    /// Key symbol for the `igrave` key (X11 keysym value 0x00ec).
    int kOfxKey_igrave = 236;

    /// Key symbol for the `iacute` key (X11 keysym value 0x00ed).
    int kOfxKey_iacute = 237;

    /// Key symbol for the `icircumflex` key (X11 keysym value 0x00ee).
    int kOfxKey_icircumflex = 238;

    /// Key symbol for the `idiaeresis` key (X11 keysym value 0x00ef).
    int kOfxKey_idiaeresis = 239;

    /// Key symbol for the `eth` key (X11 keysym value 0x00f0).
    int kOfxKey_eth = 240;

    /// Key symbol for the `ntilde` key (X11 keysym value 0x00f1).
    int kOfxKey_ntilde = 241;

    /// Key symbol for the `ograve` key (X11 keysym value 0x00f2).
    int kOfxKey_ograve = 242;

    /// Key symbol for the `oacute` key (X11 keysym value 0x00f3).
    int kOfxKey_oacute = 243;

    /// Key symbol for the `ocircumflex` key (X11 keysym value 0x00f4).
    int kOfxKey_ocircumflex = 244;

    /// Key symbol for the `otilde` key (X11 keysym value 0x00f5).
    int kOfxKey_otilde = 245;

    /// Key symbol for the `odiaeresis` key (X11 keysym value 0x00f6).
    int kOfxKey_odiaeresis = 246;

    /// Key symbol for the `division` key (X11 keysym value 0x00f7).
    int kOfxKey_division = 247;

    /// Key symbol for the `oslash` key (X11 keysym value 0x00f8).
    int kOfxKey_oslash = 248;

    /// Key symbol for the `ugrave` key (X11 keysym value 0x00f9).
    int kOfxKey_ugrave = 249;

    /// Key symbol for the `uacute` key (X11 keysym value 0x00fa).
    int kOfxKey_uacute = 250;

    /// Key symbol for the `ucircumflex` key (X11 keysym value 0x00fb).
    int kOfxKey_ucircumflex = 251;

    /// Key symbol for the `udiaeresis` key (X11 keysym value 0x00fc).
    int kOfxKey_udiaeresis = 252;

    /// Key symbol for the `yacute` key (X11 keysym value 0x00fd).
    int kOfxKey_yacute = 253;

    /// Key symbol for the `thorn` key (X11 keysym value 0x00fe).
    int kOfxKey_thorn = 254;

    /// Key symbol for the `ydiaeresis` key (X11 keysym value 0x00ff).
    int kOfxKey_ydiaeresis = 255;
}
