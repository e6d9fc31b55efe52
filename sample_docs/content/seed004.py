"""Seed 004_60c343e47a70d8f7: Direktionen, 15 May 2024: one item out of a referat.

The seed is markdown with HTML table cells. Repaired here: the merged heading line
"Punkter til behandling*Åben Sag***Sagsgang**" is a bold item heading, "Åben sag" and a
bold "Sagsgang" on lines of their own; the schedule is a ruled table again, with the 10.45
row's continuation (on a row without a time in the seed) back in its cell; the Bilag table
is a ruled table whose spilled title continuations ("Tidsplan af de tre spor", ...) are back
in their rows (the second number, e.g. 3608761, stays in the number cell below "1 -");
the decision's paragraph broken inside a name ("Vicki" / "Nygaard") is one paragraph; no
markup. Kept as the document has it: the item has no number, no front page, TOC,
Bilagsoversigt or Underskriftsside, typos ("orientingssag", "Kommissorie").
"""

TITLE = "Direktionen - Referat - 15-05-2024"
HEADER = "Direktionen 15-05-2024"

FRONT = None
TOC = []

BODY = [
    # the document gives this item no number
    ('h1', 'Punkter til behandling'),
    ('meta', 'Åben sag'),
    ('h2', 'Sagsgang'),
    ('p', 'DIR'),
    ('h2', 'Sagsfremstilling'),
    ('p', 'Direktionen har følgende punkter til behandling:'),
    ('table', ['Tid', 'Punkt'], [
        ['9.00', 'Ankomst'],
        ['9.05', 'Punkt 1 – Beslutningsprotokoller og dagsordener (Borgmesteren deltager ikke)'],
        ['9.30', ['Dialogmøde med aftaleholdere', 'Direktionen drøfter dagsorden og fokus, herunder deltagerkreds, emner mm.']],
        ['10.00', 'Pause'],
        ['10.10', ['Databeskyttelsesrådgiverens årsrapport 2023', 'På mødet præsenterer chef for Borgerservice, IT og Digitalisering Tonny Olsen årsrapporten 2023 og forslag til fokusområder 2024. Årsrapporten skal efterfølgende behandles i Økonomiudvalg og Kommunalbestyrelse. Bilag er vedlagt']],
        ['10.30', ['Personalepolitisk status', 'Den personalepolitiske redegørelse har til formål at skabe viden om og indsigt i de personalepolitiske forhold og indsatser. Redegørelsen udarbejdes årligt og tilgår på vanlig vis Hovedudvalget, Økonomiudvalget og Kommunalbestyrelsen i 2. kvartal. Redegørelsen samler organisatorisk viden med henblik på at understøtte attraktive arbejdspladser. Som det beskrives i HR-strategien, anvendes den personalepolitiske status til at gøre status på de tiltag, der i løbet af det forgangne år, har været med til at understøtte HR-strategiens tre hovedtemaer: En attraktiv og rummelig arbejdsplads for medarbejdere og ledere; Kommunikation, samarbejde og kompetenceudvikling; Rum til ledelse og udvikling af ledelse. Endvidere udgør notatet en opsamling af en række personalepolitiske nøgletal for Norddjurs Kommune for hele 2023.']],
        # the seed continues this cell on a row with an empty time cell
        ['10.45', ['Ledelsesprojektet', 'Direktionen gennemgår og kvalificerer materiale, herunder udkast til orienteringssag i ØK, kommissorie, tids- og procesplan, samt program for chefforumseminar d. 29.-30. maj. Direktionen drøfter bud på, hvilke sager der skal behandles i KCL. Udviklingskonsulent Vicki Nygaard Svendsen og chefkonsulent Lene Helbo Bachmann deltager under behandlingen af punktet. Bilag er vedlagt.']],
        ['11.30', ['Ungegaranti', 'Af Budgetaftale 2024-2027 fremgår det, at udvalgene i et samarbejde arbejder videre med kvalificering af indsatserne frem mod budgetforhandlingerne 2025. Direktionen præsenteres for de indsatser, som Arbejdsmarkedsudvalget, Børne- og Ungdomsudvalget og Erhvervsudvalget hver især har godkendt til at indgå i et forslag til en Ungegaranti i Norddjurs Kommune. Direktionen drøfter den efterfølgende administrative og politiske behandling, herunder om der skal beskrives forskellige Ungegaranti-modeller. Arbejdsmarkedschef Erik Holck Hansen, skole- og dagtilbudschef Thomas Olesen og børne- og familiechef Mette Koudal deltager under behandlingen.']],
        ['12.00', 'Frokost'],
        ['12.30', ['Forenkling af politikker, strategier og planer', 'Frisættelse og forenkling af politikker, strategier og planer.', 'Med henblik på politisk behandling i Økonomiudvalget den 11. juni og i Kommunalbestyrelsen den 18. juni drøfter og godkender direktionen tidsplan og udkast til kommissorium.', 'Tidsplan og kommissorium er udarbejdet på baggrund af en politisk drøftelse på temamøde for kommunalbestyrelsen d. 19. marts 2024.', 'Ønsket om forenkling tager afsæt i Budgetaftalen 2024-2027 og understøtter desuden den nationale og regionale dagsorden, hvor en ny kurs er sat for frisættelse af den offentlige sektor.', 'Sekretariatschef Rikke Thind, Sekretariatschef Lisette Bulig Thoustrup, Sekretariatschef Jeppe Thvilum, Chefkonsulent Lene Helbo Bachmann, konsulent Carina Tang Svendsen og konsulent Malene Blæsbjerg deltager under punktets behandling.']],
        ['13.00', ['Udviklingsforløb for chefforum', 'Planlægningsmøde frem for chefforumseminar d. 29.-30. maj. Med udgangspunkt i programmet for seminaret drøftes og kvalificeres indholdet på seminaret. Ekstern konsulent Ulrik Toft fra UKON, udviklingskonsulent Vicki Nygaard Svendsen og chefkonsulent Lene Helbo Bachmann deltager under behandlingen af punktet.']],
        ['13.50', 'Pause'],
        ['14.00', ['Fælles lederdag 12. juni', 'Oplægsholder Anders Trillingsgaard og konsulent Ulrik Toft deltager med henblik på at koble temaerne fra udviklingsforløbet i direktionen og chefforum sammen med den fælles lederdag i dialog med direktionen. HR- og Arbejdsmiljøkonsulent Trine Kjær Poulsen og Udviklingskonsulent Vicki Nygaard Svendsen deltager under behandlingen.']],
        ['14.45', ['Gennemgang af punkter til kommende direktionsmøde', 'Udviklingskonsulent Vicki Nygaard Svendsen deltager under behandlingen.']],
        ['15.00', 'Mødet afsluttes'],
    ], [0.14, 0.86]),
    ('h2', 'Indstilling'),
    ('p', 'Det indstilles, at punkterne behandles.'),
    ('h2', 'Beslutning i Direktionen den 15-05-2024'),
    ('p', 'Direktionen har følgende punkter til behandling:'),
    ('bullets', ['Dialogmøde med aftaleholdere']),
    ('p', 'Punktet blev ikke behandlet.'),
    ('bullets', ['Databeskyttelsesrådgiverens årsrapport 2023']),
    ('p', 'På mødet præsenterer chef for Borgerservice, IT og Digitalisering Tonny Olsen årsrapporten 2023 og forslag til fokusområder 2024. Årsrapporten skal efterfølgende behandles i Økonomiudvalg og Kommunalbestyrelse.'),
    ('p', 'Punkter som blev fremhævet:'),
    ('bullets', [
        'Fokus på sletning og arkivering.',
        'Afprøvning af beredskabsplan.',
        'Netværk med kontaktpersoner i de forskellige fagområder.',
        'TV-overvågning er blevet sat i system og registreret.',
        'Fokus på læring ved persondatabrud på datasikkerhed.',
    ]),
    ('p', 'Det blev besluttet, at orienteres om brud på persondata under kategorien graverende konsekvenser. I 2024 vil datatilsynet have særligt fokus på: kunstig intelligens, rettighedsstyring og forebyggelse af adgange i kommunerne, leverandørstyring.'),
    ('p', 'Der er fokus på regler for brugen af AI i Norddjurs Kommune. Der arbejdes aktuelt i KL på at oversætte en EU-forordning omkring reglerne for kommuner. KL har særligt fokus på cybersikkerhed som i kommunerne og er i forhandling med regeringen herom. IT og Digitalisering har ligeledes fokus herpå.'),
    ('bullets', ['Personalepolitisk status']),
    ('p', 'Den personalepolitiske redegørelse har til formål at skabe viden om og indsigt i de personalepolitiske forhold og indsatser. Redegørelsen udarbejdes årligt og tilgår på vanlig vis Hovedudvalget, Økonomiudvalget og Kommunalbestyrelsen i 2. kvartal. Redegørelsen samler organisatorisk viden med henblik på at understøtte attraktive arbejdspladser. Som det beskrives i HR-strategien, anvendes den personalepolitiske status til at gøre status på de tiltag, der i løbet af det forgangne år, har været med til at understøtte HR-strategiens tre hovedtemaer: En attraktiv og rummelig arbejdsplads for medarbejdere og ledere; Kommunikation, samarbejde og kompetenceudvikling; Rum til ledelse og udvikling af ledelse. Endvidere udgør notatet en opsamling af en række personalepolitiske nøgletal for Norddjurs Kommune for hele 2023.'),
    ('p', 'I drøftelsen af redegørelsen blev der særligt drøftet sygefravær, fald i arbejdsulykker, samt justerede procedurer i arbejdsmiljørapporter fra 2024. Derudover havde direktionen et ønske om yderligere fokus på data og ledelsesinformation i rapporten til næste år.'),
    ('p', 'Endvidere blev det besluttet, at kommissoriet for sygefraværsmål skal drøftes i direktionen.'),
    ('p', 'Den personalepolitiske redegørelse blev godkendt.'),
    ('bullets', ['Ledelsesprojektet']),
    ('p', 'Direktionen gennemgår og kvalificerer materiale, herunder udkast til orientingssag i ØK, kommissorie, tids- og procesplan, samt program for chefforumseminar d. 29.-30. maj.'),
    ('p', 'Direktionen drøfter bud på, hvilke sager der skal behandles i KCL. Udviklingskonsulent Vicki Nygaard Svendsen og chefkonsulent Lene Helbo Bachmann deltog under behandlingen af punktet. Bilag er vedlagt.'),
    ('p', 'Kommunaldirektør Jonas Kroustrup redegjorde kort for processen og ambitionen.'),
    ('p', 'Sagsudkastet til ØK/HU blev drøftet. Jonas arbejder videre på udkastet.'),
    ('p', 'Der blev givet en række bemærkninger til grundfortællingen. Ledelsessekretariatet følger op.'),
    ('p', 'Overskriften på indsatsen er Ledelsesudvikling i Norddjurs Kommune.'),
    ('p', 'Der blev givet en række bemærkninger til tids- og procesplan. Der skal planlægges et direktionsseminar i august 2024. Ledelsessekretariatet følger op.'),
    ('bullets', ['Ungegaranti']),
    ('p', 'Af Budgetaftale 2024-2027 fremgår det, at udvalgene i et samarbejde arbejder videre med kvalificering af indsatserne frem mod budgetforhandlingerne 2025. Direktionen præsenteres for de indsatser, som Arbejdsmarkedsudvalget, Børne- og Ungdomsudvalget og Erhvervsudvalget hver især har godkendt til at indgå i et forslag til en Ungegaranti i Norddjurs Kommune.'),
    ('p', 'Direktionen drøfter den efterfølgende administrative og politiske behandling, herunder om der skal beskrives forskellige Ungegaranti-modeller. Arbejdsmarkedschef Erik Holck Hansen, skole- og dagtilbudschef Thomas Olesen deltog under behandlingen.'),
    ('p', 'Der blev efterspurgt tydeliggørelse af hvilken målgruppe, indsatsen præcist retter sig i mod.'),
    ('p', 'Fokus er på hvilke indsatser der skal gøre mindre af, når der sættes ind med Ungegarantien.'),
    ('p', 'I udkastet til en sagsfremstilling som indeholder finansieringsmodel, skal der ske en tydeliggørelse af mål for indsatsen og de økonomiske gevinster ved indsatsen (businesscase).'),
    ('p', 'Der skal udarbejdes en guld, sølv og bronze-model. Derudover skal der udarbejdes et oplæg til, hvorledes det organisatorisk skal forankres. Sagen skal behandles på møde i direktionen den 6. juni. Arbejdsmarkedschef Erik Holck Hansen, skole- og dagtilbudschef Thomas Olesen følger op.'),
    ('bullets', ['Forenkling af politikker, strategier og planer']),
    ('p', 'Frisættelse og forenkling af politikker, strategier og planer.'),
    ('p', 'Med henblik på politisk behandling i Økonomiudvalget den 11. juni og i Kommunalbestyrelsen den 18. juni drøfter og godkender direktionen tidsplan og udkast til kommissorium.'),
    ('p', 'Tidsplan og kommissorium er udarbejdet på baggrund af en politisk drøftelse på temamøde for kommunalbestyrelsen d. 19. marts 2024.'),
    ('p', 'Ønsket om forenkling tager afsæt i Budgetaftalen 2024-2027 og understøtter desuden den nationale og regionale dagsorden, hvor en ny kurs er sat for frisættelse af den offentlige sektor. Sekretariatschef Rikke Thind, Sekretariatschef Lisette Bulig Thoustrup, Sekretariatschef Jeppe Thvilum, Chefkonsulent Lene Helbo Bachmann, konsulent Carina Tang Svendsen og konsulent Malene Blæsbjerg deltager under punktets behandling.'),
    ('p', 'Der blev givet en række bemærkninger til kommissoriet. Målsætningen fra budgetaftalen er enkle mål - virkemidlet hertil er forenkling af politikker. Derudover bemærkninger til formålsafsnittet. I efterårets kortlægning af politik, strategi, og plan involveres direktionen. Der skal være opmærksomhed på, om der kan være videndeling for direktionen fra andre kommuner. En justeret udgave af kommissoriet fremsendes til direktionen på mail. Arbejdsgruppen følger op.'),
    ('bullets', ['Udviklingsforløb for chefforum']),
    ('p', 'Planlægningsmøde frem for chefforumseminar d. 29.-30. maj. Med udgangspunkt i programmet for seminaret drøftes og kvalificeres indholdet på seminaret. Ekstern konsulent Ulrik Toft fra UKON, udviklingskonsulent Vicki Nygaard Svendsen og chefkonsulent Lene Helbo Bachmann deltager under behandlingen af punktet. Direktionen og gæster gennemgik programmet for dagen og kvalificerede de forskellige punkter. Der udarbejdes illustrationer til grundfortælling og formidling af udviklingsprojektet, illustrator deltager på kommende direktionsmøde.'),
    ('bullets', ['Fælles lederdag 12. juni']),
    ('p', 'Oplægsholder Anders Trillingsgaard og konsulent Ulrik Toft deltager med henblik på at koble temaerne fra udviklingsforløbet i direktionen og chefforum sammen med den fælles lederdag i dialog med direktionen.'),
    ('p', 'HR- og Arbejdsmiljøkonsulent Trine Kjær Poulsen og Udviklingskonsulent Vicki Nygaard Svendsen deltager under behandlingen.'),
    ('p', 'Der blev givet en række kvalificeringer til formål og program for dagen. Hovedbudskaber og faglig vinkel blev afklaret med Anders Trillingsgaard, og Ulrik Toft kvalificerede for at styrke sammenhæng til chefforumseminar ultimo maj. Der skal udarbejdes drøftelsesopgaver, så deltagerne på lederdagen får lejlighed til at arbejde med den præsenterede ledelsestilgang. Ledelsessekretariatet arbejder videre med program og forberedelse af lederdagen i samarbejde med arbejdsgruppen.'),
    ('h2', 'Bilag:'),
    # the seed spills the second number and the rest of long titles onto the next row
    ('table', None, [
        [['1 -', '3608761'], 'Åben', 'Databeskyttelsesrådgiverens årsrapport 2023.', '(40064/24)', '(H)'],
        [['2 -', '3610268'], 'Åben', 'Personalepolitisk status 2023', '(41270/24)', '(H)'],
        ['3 -', 'Lukket', 'Direktionens grundfortælling vers. 12.5.24', '()', '()'],
        ['4 -', 'Lukket', 'Orienteringssag til ØK om Ledelsesprojektet', '()', '()'],
        ['5 -', 'Lukket', 'Kommissorie Ledelsesprojektet', '()', '()'],
        ['6 -', 'Lukket', 'Tids- og procesplan for Ledelsesprojektet', '()', '()'],
        ['7 -', 'Lukket', 'Program for chefforumseminar d. 29.-30. maj', '()', '()'],
        [['8 -', '3610148'], 'Åben', 'Oversigt over udgifter til Ungegaranti', '(41188/24)', '(H)'],
        [['9 -', '3610150'], 'Åben', 'Forslag til indsatser i Ungegaranti', '(41190/24)', '(H)'],
        [['10 -', '3609934'], 'Åben', 'Forenkling af politikker i Norddjurs Kommune - Tidsplan af de tre spor', '(41021/24)', '(H)'],
        [['11 -', '3609936'], 'Åben', 'Forenkling af politikker i Norddjurs Kommune - Tidsplan for forenkling af politikker, planer og strategier', '(41023/24)', '(H)'],
        [['12 -', '3609942'], 'Åben', 'Kommissorium for forenkling af politikker strategier og planer i Norddjurs Kommune', '(41027/24)', '(H)'],
    ], [0.12, 0.1, 0.56, 0.14, 0.08]),
]
