//! The one message catalogue for UI text, complete in English and Simplified Chinese.
//!
//! Every message is a variant of [`Msg`], and each language is an exhaustive `match` over it, so a
//! message missing from a language is a compile error. Parameters are written `{name}` and filled by
//! [`format`]; a test checks that both languages use the same parameters.

use crate::domain::profile::Language;

macro_rules! catalogue {
    ($($key:ident),+ $(,)?) => {
        /// A key in the message catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),+ }
        impl Msg {
            /// Every key, for tests that walk the whole catalogue.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];
        }
    };
}

catalogue! {
    AppName, SkipToContent, NavLearn, NavStudio, NavTeam, NavProfile, NavMain, LanguageLabel,
    ThemeToggleToDark, ThemeToggleToLight, FooterPrivacy, Loading, Dismiss,
    HomeTitle, HomeIntro, HomeChooseRole, HomeRoleHint, RoleLearner, RoleLearnerBlurb, RoleTrainer,
    RoleTrainerBlurb, RoleManager, RoleManagerBlurb, HomeCurrentRole, HomePrivacyTitle, HomePrivacyBody,
    HomeStepsTitle, HomeStep1, HomeStep2, HomeStep3,
    ProfileTitle, ProfileIntro, ProfileName, ProfileNameHint, ProfileRole, ProfileRoleNone, ProfileLanguage,
    ProfileLanguageAuto, ProfileTheme, ThemeSystem, ThemeLight, ThemeDark, ProfileSaved, ProfileStorageTitle,
    ProfileStoragePersistent, ProfileStorageMemory, ProfileBackupsTitle, ProfileBackupsNone, ProfileBackupsSome,
    NoticeMemoryOnly, NoticeRecovered, NoticeTooNew, NoticeQuota, NoticeSaveRefused, NoticeHeldByNewer,
    NoticeDownloadOriginal, NoticeOtherTab,
    NotFoundTitle, NotFoundBody, NotFoundHome,
    LearnTitle, LearnIntro, LearnLoadingPack, LearnLoadFailed, LearnRetry, LearnTracks, LearnModules,
    LearnMinutes, LearnUnits, LearnAudienceEveryone, LearnAudienceLeader, LearnAudienceTechnical,
    LearnAudienceFrontline, LearnForYou, LearnOutcomes, LearnObjectives, LearnPrerequisites, LearnStartModule,
    LearnBackToTrack, LearnBackToCatalog, LearnSources, LearnPrevUnit, LearnNextUnit, LearnUnitOf,
    LearnNotFound, LearnPager, LearnBackToModule, LearnCheckQuestions, LearnScenarios, LearnCertRule, LearnBreadcrumb,
    StudioTitle, StudioIntro, StudioCheckTitle, StudioCheckHint, StudioChooseFile, StudioChecking,
    StudioReportOk, StudioReportErrors, StudioReportWarnings, StudioSeverityError, StudioSeverityWarning,
    StudioFileTooLarge, StudioFileUnreadable, StudioNotJson, StudioPackSummary, StudioComingTitle,
    StudioComingBody,
    QuizQuestionOf, QuizSubmit, QuizUnanswered, QuizScore, QuizPassMark, QuizPassed, QuizNotPassed, QuizBest, QuizRetry, QuizShowMistakes, QuizYourAnswer, QuizCorrectAnswer, QuizRight, QuizWrong, QuizExplanation, LearnCheckTitle, LearnTakeCheck, LearnExercise, LearnStartExercise, LearnMarkComplete, LearnCompleted, LearnReadingProgress, LearnPercentDone, LearnModuleDone, LearnLocked, LearnBestScore, LearnNotTried, LearnContinue, LearnBackToUnits,
    PathTitle, PathChoose, PathChooseHint, PathOptionLeader, PathOptionTechnical, PathOptionFrontline, PathOptionNotSure, PathChange, StatTimeLeft, StatStreak, StatStreakDays, StatUnitsDone, RecentTitle, RecentEmpty, RecentUnit, RecentQuiz, AllTracks, PlacementTitle, PlacementIntro, PlacementSubmit, PlacementResult, PlacementWhy, PlacementKnown, PlacementFollow, PlacementOther, PlacementNone, LearnKnownBadge,
    BackupTitle, BackupIntro, BackupDownload, BackupRestore, BackupPreviewTitle, BackupPreviewPack, BackupPreviewNothing, BackupPreviewSafe, BackupApply, BackupCancel, BackupApplied, BackupFailed,
    LearnOrphans,
    LearnKeyboardHint,
    TeamTitle, TeamIntro, TeamEmptyTitle, TeamEmptyBody, TeamHowTitle, TeamHow1, TeamHow2, TeamHow3,
}

/// The text of `msg` in `lang`.
pub fn text(lang: Language, msg: Msg) -> &'static str {
    match lang {
        Language::English => english(msg),
        Language::SimplifiedChinese => chinese(msg),
    }
}

/// The text of `msg` with each `{name}` replaced by its value.
pub fn format(lang: Language, msg: Msg, args: &[(&str, &str)]) -> String {
    let mut out = text(lang, msg).to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn english(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        AppName => "Fluency",
        SkipToContent => "Skip to content",
        NavLearn => "Learn",
        NavStudio => "Studio",
        NavTeam => "Team",
        NavProfile => "Profile",
        NavMain => "Main",
        LanguageLabel => "Language",
        ThemeToggleToDark => "Switch to dark theme",
        ThemeToggleToLight => "Switch to light theme",
        FooterPrivacy => "Fluency runs entirely in your browser. Nothing you do here is sent to a server.",
        Loading => "Loading…",
        Dismiss => "Dismiss",
        HomeTitle => "AI fluency for every role in your organisation",
        HomeIntro => "Fluency is an AI-literacy academy that trains leaders, technical staff and frontline teams, each for the work they actually do. It runs entirely in your browser: no account, no server, and your progress stays on this device.",
        HomeChooseRole => "What brings you here?",
        HomeRoleHint => "Your choice is remembered on this device. You can change it at any time.",
        RoleLearner => "I'm learning",
        RoleLearnerBlurb => "Follow a path built for your role, check your understanding, and certify yourself.",
        RoleTrainer => "I train others",
        RoleTrainerBlurb => "Adapt the curriculum to your organisation and publish it as a pack.",
        RoleManager => "I lead a team",
        RoleManagerBlurb => "See who has finished what, from progress reports your team shares with you.",
        HomeCurrentRole => "Current choice",
        HomePrivacyTitle => "Private by design",
        HomePrivacyBody => "Everything is stored in this browser's local storage. Nothing leaves the device unless you export it yourself.",
        HomeStepsTitle => "How it works",
        HomeStep1 => "Start with the shared Foundation: what generative AI is, how to check it, and when a person must decide.",
        HomeStep2 => "Continue on the track for your role: leadership strategy, technical, or frontline application.",
        HomeStep3 => "Meet the track's rules and issue your own certificate, signed and verifiable offline.",
        ProfileTitle => "Your profile",
        ProfileIntro => "These settings are stored only in this browser.",
        ProfileName => "Display name",
        ProfileNameHint => "Shown on your dashboard. Up to 80 characters.",
        ProfileRole => "Role",
        ProfileRoleNone => "Not chosen yet",
        ProfileLanguage => "Language",
        ProfileLanguageAuto => "Match my browser",
        ProfileTheme => "Theme",
        ThemeSystem => "Match my system",
        ThemeLight => "Light",
        ThemeDark => "Dark",
        ProfileSaved => "Saved on this device",
        ProfileStorageTitle => "Storage on this device",
        ProfileStoragePersistent => "Your data is saved in this browser's local storage.",
        ProfileStorageMemory => "Storage is blocked in this browser, so your data lasts only until this tab closes.",
        ProfileBackupsTitle => "Recovered data",
        ProfileBackupsNone => "No unreadable data has been set aside.",
        ProfileBackupsSome => "Unreadable data kept aside under these keys:",
        NoticeMemoryOnly => "This browser blocks local storage. Fluency still works, but nothing will be kept after you close this tab.",
        NoticeRecovered => "Some saved data ({key}) could not be read, so Fluency started fresh for it. The original is kept under “{backup}”.",
        NoticeTooNew => "Data under {key} was saved by a newer version of Fluency. This version will not overwrite it; reload to get the newest version.",
        NoticeQuota => "Your change could not be saved: this browser's storage is full. Everything saved before is intact. Export your data or remove old drafts to make room.",
        NoticeSaveRefused => "Your change could not be saved: {reason}. Everything saved before is intact.",
        NoticeHeldByNewer => "Your change was not saved, because a newer version of Fluency owns this data.",
        NoticeDownloadOriginal => "Download the original",
        NoticeOtherTab => "Updated from another tab.",
        NotFoundTitle => "Page not found",
        NotFoundBody => "There is no page at this address. It may have moved, or the link may be mistyped.",
        NotFoundHome => "Go to the home page",
        LearnTitle => "Learn",
        LearnIntro => "Every path starts with the shared Foundation and continues with the track for your role.",
        LearnLoadingPack => "Loading the curriculum…",
        LearnLoadFailed => "The curriculum could not be loaded: {reason}",
        LearnRetry => "Try again",
        LearnTracks => "Tracks",
        LearnModules => "{count} modules",
        LearnMinutes => "{count} min",
        LearnUnits => "{count} units",
        LearnAudienceEveryone => "For everyone",
        LearnAudienceLeader => "For leaders",
        LearnAudienceTechnical => "For technical staff",
        LearnAudienceFrontline => "For frontline teams",
        LearnForYou => "Recommended for you",
        LearnOutcomes => "What you will be able to do",
        LearnObjectives => "Learning objectives",
        LearnPrerequisites => "Builds on",
        LearnStartModule => "Start reading",
        LearnBackToTrack => "Back to the track",
        LearnBackToCatalog => "All tracks",
        LearnSources => "Sources",
        LearnPrevUnit => "Previous",
        LearnNextUnit => "Next",
        LearnUnitOf => "Unit {n} of {total}",
        LearnPager => "Units in this module",
        LearnBackToModule => "Back to the module",
        LearnNotFound => "This part of the curriculum does not exist. It may have been renamed in a newer version.",
        LearnCheckQuestions => "Knowledge check: {count} questions",
        LearnScenarios => "Scenario exercises: {count}",
        LearnCertRule => "Certificate: pass mark {mark}%, final assessment of {size} questions, valid for {months} months.",
        LearnBreadcrumb => "Breadcrumb",
        StudioTitle => "Studio",
        StudioIntro => "Trainers adapt Fluency's curriculum to their organisation. Packs are plain files you can check, share and publish.",
        StudioCheckTitle => "Check a pack file",
        StudioCheckHint => "Choose a Fluency pack (.json). It is checked here in your browser and never uploaded.",
        StudioChooseFile => "Pack file",
        StudioChecking => "Checking…",
        StudioReportOk => "No problems found. This pack is ready to publish.",
        StudioReportErrors => "{count} errors must be fixed before this pack can be used.",
        StudioReportWarnings => "{count} warnings are worth a look.",
        StudioSeverityError => "Error",
        StudioSeverityWarning => "Warning",
        StudioFileTooLarge => "This file is {size} KB, over the {limit} KB limit for a pack. Nothing was loaded.",
        StudioFileUnreadable => "The file could not be read.",
        StudioNotJson => "This is not a Fluency pack: {reason}",
        StudioPackSummary => "{title}, version {version}: {tracks} tracks, {modules} modules, {units} units. Content hash {hash}.",
        StudioComingTitle => "The editor",
        StudioComingBody => "Editing packs in the browser, with live preview and autosave, is the next part of the Studio. Until then, packs are edited as files and checked here.",
        QuizQuestionOf => "Question {n} of {total}",
        QuizSubmit => "Check my answers",
        QuizUnanswered => "Answer every question first: {count} still open.",
        QuizScore => "You scored {percent}% ({correct} of {total}).",
        QuizPassMark => "The pass mark is {mark}%.",
        QuizPassed => "Passed",
        QuizNotPassed => "Not passed yet",
        QuizBest => "Best score: {percent}% · Attempts: {count}",
        QuizRetry => "Try again (questions reshuffled)",
        QuizShowMistakes => "Show only my mistakes",
        QuizYourAnswer => "Your answer",
        QuizCorrectAnswer => "Correct answer",
        QuizRight => "Right",
        QuizWrong => "Wrong",
        QuizExplanation => "Why:",
        LearnCheckTitle => "Knowledge check",
        LearnTakeCheck => "Take the knowledge check",
        LearnExercise => "Scenario exercise",
        LearnStartExercise => "Start the exercise",
        LearnMarkComplete => "Mark as complete",
        LearnCompleted => "Completed",
        LearnReadingProgress => "Reading progress",
        LearnPercentDone => "{percent}% done",
        LearnModuleDone => "Module complete",
        LearnLocked => "Builds on {modules}. You can preview it now.",
        LearnBestScore => "Best score: {percent}%",
        LearnNotTried => "Not attempted yet",
        LearnContinue => "Continue where you left off",
        LearnBackToUnits => "Back to the units",
        PathTitle => "Your path",
        PathChoose => "Choose your path",
        PathChooseHint => "Everyone starts with the Foundation, then continues with the track for their work. You can change this at any time.",
        PathOptionLeader => "I lead a team, a function or an organisation",
        PathOptionTechnical => "I build, test or run technical systems",
        PathOptionFrontline => "I work with customers, patients, cases or colleagues' requests",
        PathOptionNotSure => "I'm not sure: help me choose",
        PathChange => "Change path",
        StatTimeLeft => "Time left on your path",
        StatStreak => "Days in a row",
        StatStreakDays => "{count}",
        StatUnitsDone => "Units completed",
        RecentTitle => "Recent activity",
        RecentEmpty => "Nothing yet. Units you complete and checks you take will appear here.",
        RecentUnit => "Completed “{title}”",
        RecentQuiz => "{title}: {percent}%",
        AllTracks => "All tracks",
        PlacementTitle => "Find your track",
        PlacementIntro => "A few short questions about your work. There are no wrong answers: they only decide where you start.",
        PlacementSubmit => "See my recommendation",
        PlacementResult => "We recommend: {track}",
        PlacementWhy => "{count} of your {total} answers pointed to this track.",
        PlacementKnown => "You seem to know these modules already. They are marked on your path, and you can still take them:",
        PlacementFollow => "Follow this path",
        PlacementOther => "Choose a different path",
        PlacementNone => "This curriculum has no placement questions. Choose a path yourself.",
        LearnKnownBadge => "You may know this",
        BackupTitle => "Back up your progress",
        BackupIntro => "Your progress lives only in this browser. Download a backup to keep it safe or to continue in another browser.",
        BackupDownload => "Download a backup",
        BackupRestore => "Restore from a backup file",
        BackupPreviewTitle => "Before you import",
        BackupPreviewPack => "{pack}: adds {units} completed units and {attempts} quiz attempts.",
        BackupPreviewNothing => "This backup holds nothing you do not already have.",
        BackupPreviewSafe => "Nothing you have now will be removed: the backup is merged record by record.",
        BackupApply => "Import",
        BackupCancel => "Cancel",
        BackupApplied => "Backup imported.",
        BackupFailed => "This file cannot be imported: {reason}",
        LearnOrphans => "Some of your progress belongs to parts of the curriculum that are no longer in this version ({units} units, {quizzes} quizzes). It is kept on this device and counts again if those parts return.",
        LearnKeyboardHint => "Tip: the left and right arrow keys move to the previous and next unit.",
        TeamTitle => "Team",
        TeamIntro => "Managers see their team's completion from signed progress reports that learners choose to share.",
        TeamEmptyTitle => "No reports yet",
        TeamEmptyBody => "Importing and combining reports is the next part of the Team area. Nothing about your team is tracked centrally: you will only ever see what learners send you.",
        TeamHowTitle => "How it will work",
        TeamHow1 => "A learner shares a signed progress report file or link.",
        TeamHow2 => "You import the reports here; each signature is checked on this device.",
        TeamHow3 => "The dashboard shows completion, certificates and where people get stuck.",
    }
}

fn chinese(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        AppName => "Fluency",
        SkipToContent => "跳到主要内容",
        NavLearn => "学习",
        NavStudio => "工作室",
        NavTeam => "团队",
        NavProfile => "个人资料",
        NavMain => "主导航",
        LanguageLabel => "语言",
        ThemeToggleToDark => "切换到深色主题",
        ThemeToggleToLight => "切换到浅色主题",
        FooterPrivacy => "Fluency 完全在你的浏览器中运行。你在这里的任何操作都不会发送到服务器。",
        Loading => "加载中…",
        Dismiss => "关闭",
        HomeTitle => "让组织中的每个角色都能熟练运用 AI",
        HomeIntro => "Fluency 是一所 AI 素养学院，分别为管理者、技术人员和一线团队提供贴合其实际工作的培训。它完全在浏览器中运行：无需账号，没有服务器，你的学习进度只保存在这台设备上。",
        HomeChooseRole => "你来这里是为了什么？",
        HomeRoleHint => "你的选择会保存在这台设备上，随时可以更改。",
        RoleLearner => "我来学习",
        RoleLearnerBlurb => "按照为你的角色设计的路径学习，检验理解程度，并为自己颁发证书。",
        RoleTrainer => "我负责培训",
        RoleTrainerBlurb => "根据你的组织调整课程内容，并以课程包的形式发布。",
        RoleManager => "我带领团队",
        RoleManagerBlurb => "通过团队成员分享给你的进度报告，了解谁完成了哪些内容。",
        HomeCurrentRole => "当前选择",
        HomePrivacyTitle => "隐私优先",
        HomePrivacyBody => "所有内容都保存在此浏览器的本地存储中。除非你自己导出，否则任何数据都不会离开这台设备。",
        HomeStepsTitle => "使用方式",
        HomeStep1 => "从共同的基础课程开始：生成式 AI 是什么、如何核查它的输出，以及何时必须由人来决定。",
        HomeStep2 => "继续学习适合你角色的方向：领导战略、技术或一线应用。",
        HomeStep3 => "达到该方向的要求后，为自己颁发一份已签名、可离线验证的证书。",
        ProfileTitle => "个人资料",
        ProfileIntro => "这些设置只保存在此浏览器中。",
        ProfileName => "显示名称",
        ProfileNameHint => "显示在你的学习面板上，最多 80 个字符。",
        ProfileRole => "角色",
        ProfileRoleNone => "尚未选择",
        ProfileLanguage => "语言",
        ProfileLanguageAuto => "跟随浏览器",
        ProfileTheme => "主题",
        ThemeSystem => "跟随系统",
        ThemeLight => "浅色",
        ThemeDark => "深色",
        ProfileSaved => "已保存到此设备",
        ProfileStorageTitle => "此设备上的存储",
        ProfileStoragePersistent => "你的数据保存在此浏览器的本地存储中。",
        ProfileStorageMemory => "此浏览器禁止了本地存储，因此你的数据只会保留到关闭此标签页为止。",
        ProfileBackupsTitle => "已恢复的数据",
        ProfileBackupsNone => "没有需要单独保存的无法读取的数据。",
        ProfileBackupsSome => "无法读取的数据已单独保存在以下键名下：",
        NoticeMemoryOnly => "此浏览器禁止了本地存储。Fluency 仍可使用，但关闭此标签页后不会保留任何内容。",
        NoticeRecovered => "部分已保存的数据（{key}）无法读取，因此 Fluency 为其重新开始。原始数据保存在“{backup}”下。",
        NoticeTooNew => "{key} 下的数据由更新版本的 Fluency 保存。此版本不会覆盖它；请刷新页面以获取最新版本。",
        NoticeQuota => "你的更改未能保存：此浏览器的存储空间已满。之前保存的内容完好无损。请导出数据或删除旧草稿以腾出空间。",
        NoticeSaveRefused => "你的更改未能保存：{reason}。之前保存的内容完好无损。",
        NoticeHeldByNewer => "你的更改未保存，因为这些数据属于更新版本的 Fluency。",
        NoticeDownloadOriginal => "下载原始数据",
        NoticeOtherTab => "已根据另一个标签页中的更改更新。",
        NotFoundTitle => "找不到页面",
        NotFoundBody => "此地址没有页面。它可能已被移动，或者链接输入有误。",
        NotFoundHome => "返回首页",
        LearnTitle => "学习",
        LearnIntro => "每条学习路径都从共同的基础课程开始，然后进入适合你角色的方向。",
        LearnLoadingPack => "正在加载课程…",
        LearnLoadFailed => "课程无法加载：{reason}",
        LearnRetry => "重试",
        LearnTracks => "学习方向",
        LearnModules => "{count} 个模块",
        LearnMinutes => "{count} 分钟",
        LearnUnits => "{count} 个单元",
        LearnAudienceEveryone => "面向所有人",
        LearnAudienceLeader => "面向管理者",
        LearnAudienceTechnical => "面向技术人员",
        LearnAudienceFrontline => "面向一线团队",
        LearnForYou => "为你推荐",
        LearnOutcomes => "学完后你将能够",
        LearnObjectives => "学习目标",
        LearnPrerequisites => "前置模块",
        LearnStartModule => "开始阅读",
        LearnBackToTrack => "返回学习方向",
        LearnBackToCatalog => "所有学习方向",
        LearnSources => "资料来源",
        LearnPrevUnit => "上一单元",
        LearnNextUnit => "下一单元",
        LearnUnitOf => "第 {n} 单元，共 {total} 个",
        LearnPager => "本模块的单元",
        LearnBackToModule => "返回模块",
        LearnNotFound => "课程中不存在这一部分。它可能在新版本中被重命名了。",
        LearnCheckQuestions => "知识检测：{count} 道题",
        LearnScenarios => "情境练习：{count} 个",
        LearnCertRule => "证书要求：及格线 {mark}%，期末测评 {size} 道题，有效期 {months} 个月。",
        LearnBreadcrumb => "导航路径",
        StudioTitle => "工作室",
        StudioIntro => "培训师可以根据组织需要调整 Fluency 的课程。课程包是普通文件，可以检查、分享和发布。",
        StudioCheckTitle => "检查课程包文件",
        StudioCheckHint => "选择一个 Fluency 课程包（.json）。它只在你的浏览器中检查，绝不会上传。",
        StudioChooseFile => "课程包文件",
        StudioChecking => "正在检查…",
        StudioReportOk => "未发现问题。此课程包可以发布。",
        StudioReportErrors => "有 {count} 个错误，修复后才能使用此课程包。",
        StudioReportWarnings => "有 {count} 个警告值得查看。",
        StudioSeverityError => "错误",
        StudioSeverityWarning => "警告",
        StudioFileTooLarge => "此文件大小为 {size} KB，超过课程包 {limit} KB 的上限。未加载任何内容。",
        StudioFileUnreadable => "无法读取该文件。",
        StudioNotJson => "这不是 Fluency 课程包：{reason}",
        StudioPackSummary => "{title}，版本 {version}：{tracks} 个学习方向，{modules} 个模块，{units} 个单元。内容哈希 {hash}。",
        StudioComingTitle => "编辑器",
        StudioComingBody => "在浏览器中编辑课程包（含实时预览和自动保存）是工作室的下一部分。在此之前，课程包以文件形式编辑，并可在这里检查。",
        QuizQuestionOf => "第 {n} 题，共 {total} 题",
        QuizSubmit => "提交答案",
        QuizUnanswered => "请先回答所有问题：还有 {count} 题未答。",
        QuizScore => "你的得分为 {percent}%（{total} 题答对 {correct} 题）。",
        QuizPassMark => "及格线为 {mark}%。",
        QuizPassed => "已通过",
        QuizNotPassed => "尚未通过",
        QuizBest => "最高得分：{percent}% · 尝试次数：{count}",
        QuizRetry => "再试一次（题目重新排序）",
        QuizShowMistakes => "只看答错的题",
        QuizYourAnswer => "你的答案",
        QuizCorrectAnswer => "正确答案",
        QuizRight => "正确",
        QuizWrong => "错误",
        QuizExplanation => "原因：",
        LearnCheckTitle => "知识检测",
        LearnTakeCheck => "开始知识检测",
        LearnExercise => "情境练习",
        LearnStartExercise => "开始练习",
        LearnMarkComplete => "标记为已完成",
        LearnCompleted => "已完成",
        LearnReadingProgress => "阅读进度",
        LearnPercentDone => "已完成 {percent}%",
        LearnModuleDone => "模块已完成",
        LearnLocked => "前置模块：{modules}。你现在可以先预览。",
        LearnBestScore => "最高得分：{percent}%",
        LearnNotTried => "尚未尝试",
        LearnContinue => "从上次离开的地方继续",
        LearnBackToUnits => "返回单元列表",
        PathTitle => "你的学习路径",
        PathChoose => "选择你的学习路径",
        PathChooseHint => "每个人都从基础课程开始，然后学习适合自己工作的方向。你可以随时更改。",
        PathOptionLeader => "我领导一个团队、部门或组织",
        PathOptionTechnical => "我构建、测试或运维技术系统",
        PathOptionFrontline => "我直接面对客户、患者、个案或同事的请求",
        PathOptionNotSure => "我不确定：帮我选择",
        PathChange => "更改路径",
        StatTimeLeft => "路径剩余时间",
        StatStreak => "连续学习天数",
        StatStreakDays => "{count}",
        StatUnitsDone => "已完成单元",
        RecentTitle => "最近动态",
        RecentEmpty => "还没有记录。你完成的单元和参加的检测会显示在这里。",
        RecentUnit => "已完成“{title}”",
        RecentQuiz => "{title}：{percent}%",
        AllTracks => "所有学习方向",
        PlacementTitle => "找到适合你的方向",
        PlacementIntro => "几个关于你工作的简短问题。答案没有对错之分：它们只决定你从哪里开始。",
        PlacementSubmit => "查看推荐",
        PlacementResult => "我们推荐：{track}",
        PlacementWhy => "你的 {total} 个回答中有 {count} 个指向这个方向。",
        PlacementKnown => "你似乎已经掌握了以下模块。它们会在你的路径上标出，你仍然可以学习：",
        PlacementFollow => "采用这条路径",
        PlacementOther => "选择其他路径",
        PlacementNone => "此课程没有定位问题。请自行选择路径。",
        LearnKnownBadge => "你可能已掌握",
        BackupTitle => "备份你的学习进度",
        BackupIntro => "你的学习进度只保存在此浏览器中。下载备份以妥善保存，或在其他浏览器中继续学习。",
        BackupDownload => "下载备份",
        BackupRestore => "从备份文件恢复",
        BackupPreviewTitle => "导入前请确认",
        BackupPreviewPack => "{pack}：新增 {units} 个已完成单元和 {attempts} 次测验记录。",
        BackupPreviewNothing => "此备份中没有你尚未拥有的内容。",
        BackupPreviewSafe => "你现有的内容都不会被删除：备份会逐条合并。",
        BackupApply => "导入",
        BackupCancel => "取消",
        BackupApplied => "备份已导入。",
        BackupFailed => "无法导入此文件：{reason}",
        LearnOrphans => "你的部分学习进度属于此版本课程中已不存在的内容（{units} 个单元，{quizzes} 个测验）。这些记录仍保存在此设备上，如果相关内容恢复，将重新计入。",
        LearnKeyboardHint => "提示：按左右方向键可前往上一单元或下一单元。",
        TeamTitle => "团队",
        TeamIntro => "管理者可以根据学员自愿分享的已签名进度报告，了解团队的完成情况。",
        TeamEmptyTitle => "还没有报告",
        TeamEmptyBody => "导入并汇总报告是团队区域的下一部分。不会集中追踪任何团队信息：你只会看到学员发送给你的内容。",
        TeamHowTitle => "工作方式",
        TeamHow1 => "学员分享一份已签名的进度报告文件或链接。",
        TeamHow2 => "你在这里导入报告；每个签名都在这台设备上校验。",
        TeamHow3 => "面板显示完成情况、证书以及大家在哪里遇到困难。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            found.insert(rest[start + 1..start + len].to_owned());
            rest = &rest[start + len + 1..];
        }
        found
    }

    #[test]
    fn every_message_is_present_in_every_language() {
        for &msg in Msg::ALL {
            for lang in Language::ALL {
                assert!(
                    !text(lang, msg).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn chinese_is_translated_not_copied() {
        let same_on_purpose = [Msg::AppName, Msg::StatStreakDays];
        for &msg in Msg::ALL {
            if same_on_purpose.contains(&msg) {
                continue;
            }
            assert_ne!(
                english(msg),
                chinese(msg),
                "{msg:?} is not translated into Chinese"
            );
        }
    }

    #[test]
    fn both_languages_use_the_same_parameters() {
        for &msg in Msg::ALL {
            assert_eq!(
                placeholders(english(msg)),
                placeholders(chinese(msg)),
                "{msg:?} has different parameters"
            );
        }
    }

    #[test]
    fn format_fills_parameters() {
        let cases = [
            (Language::English, "Unit 2 of 5"),
            (Language::SimplifiedChinese, "第 2 单元，共 5 个"),
        ];
        for (lang, want) in cases {
            assert_eq!(
                format(lang, Msg::LearnUnitOf, &[("n", "2"), ("total", "5")]),
                want
            );
        }
    }
}
