"""Seed 003_b1ee29759e748790: Direktionen, referat of 30 August 2023.

Text extraction with tables as HTML cells (<p>, <ul>) and a markdown pipe table for the
Bilag of item 3; here they are ruled tables again, without markup. The portfolio table's
8. Nov. row, spilled onto a row without a date in the seed, is one row again. Kept as the
document has them: the vacant Kommunaldirektør seat, the TOC page numbers, typos
("Norrdjurs"), the signature name broken over two lines ("Kim Bruun" / "Nielsen").
"""

TITLE = "Direktionen - Referat - 30-08-2023"
HEADER = "Direktionen 30-08-2023"

FRONT = {
    "body": "Direktionen",
    "kind": "REFERAT",
    "fields": [
        ("Sted:", "Mødelokale 250, rådhuset"),
        ("Dato:", "Onsdag den 30. august 2023"),
        ("Start kl.:", "9:00"),
        ("Slut kl.:", "17:00"),
        ("Medlemmer:", [
            "Kommunaldirektør Vakant",
            "Velfærdsdirektør Lene Mehlsen Thomsen",
            "Fællesforvaltningsdirektør Kim Bruun Nielsen",
        ]),
        ("Fraværende:", []),
    ],
}

TOC = [
    ("1. Beslutningsprotokoller og dagsordener", "1"),
    ("2. Økonomi", "3"),
    ("3. Punkter til behandling", "4"),
    ("4. Eventuelt, herunder punkter til næste møde", "7"),
    ("Bilagsoversigt", "9"),
]

# this export sets the text with more line spacing than the others (see make_pdfs.LAYOUT)
LAYOUT = {"leading": 16.0, "space_before": 7.0}

BODY = [
    ('h1', '1. Beslutningsprotokoller og dagsordener'),
    ('meta', 'Åben sag'),
    ('h2', 'Sagsgang'),
    ('p', 'DIR'),
    ('h2', 'Sagsfremstilling'),
    ('p', 'Rul september: ØK d. 5/9 2023, KB d. 12/9 2023'),
    ('bullets', [
        'Gennemgang af beslutningsprotokol for',
        [
            'Voksen- og Plejeudvalgsmøde d. 23. august',
            'Arbejdsmarkedsudvalgsmøde d. 29. august',
        ],
    ]),
    ('p', 'Rul september: ØK d. 5/9 2023, KB d. 12/9 2023'),
    ('bullets', [
        'Gennemgang af dagsorden for:',
        [
            'Ekstraordinært møde i Miljø- og Teknikudvalget d. 30. august',
            'Økonomiudvalgsmøde d. 1. september (1. behandling)',
            'Gruppeformandsmøde d. 5. september',
            'Økonomiudvalgsmøde d. 5. september',
        ],
        'Kommende politiske møder:',
        [
            'Erhvervsudvalgsmøde d. 11. september',
            'Kommunalbestyrelsestemamøde d. 12. september',
            'Kommunalbestyrelsesmøde 12. september (1. behandling)',
        ],
    ]),
    ('p', 'Opsamling på forudgående møder, aktiviteter samt formål'),
    ('bullets', [
        'KD-Net møde d. 25. august',
        'Business Region Aarhus møde d. 25. august',
        'Møde med transportministeren d. 25. august',
        'Kredsrådsmøde d. 28. august',
        'K98 d. 29. august',
    ]),
    ('p', 'Kommende møder, aktiviteter samt formål'),
    ('bullets', ['Arrangement for veteraner d. 5. september']),
    ('p', 'Øvrige emner'),
    ('h2', 'Økonomiske konsekvenser'),
    ('p', 'De økonomiske konsekvenser beskrives i dagsordenspunkterne til møderne i de stående udvalg m.v.'),
    ('h2', 'Indstilling'),
    ('p', 'Det indstilles, at de nævnte beslutningsprotokoller og de nævnte dagsordener gennemgås.'),
    ('h2', 'Beslutning i Direktionen den 30-08-2023'),
    ('p', 'Gennemgangen af udvalgte møder behandles på koordinationsmøde.'),

    ('h1', '2. Økonomi'),
    ('meta', 'Åben sag'),
    ('h2', 'Sagsgang'),
    ('p', 'DIR'),
    ('h2', 'Sagsfremstilling'),
    ('p', 'For at følge den økonomiske udvikling og gennemførelsen af budgettet indeholder direktions møder et fast punkt om kommunens økonomi.'),
    ('bullets', ['Budgetopfølgning august, bilag er vedlagt.']),
    ('p', 'Økonomichef Bettina Andersen deltager under punktet.'),
    ('h2', 'Økonomiske konsekvenser'),
    ('p', 'Direktionen følger den økonomiske udvikling og vurderer løbende budgetopfølgningerne på de forskellige områder.'),
    ('h2', 'Indstilling'),
    ('p', 'Det indstilles, at punktet drøftes.'),
    ('h2', 'Bilag:'),
    ('attachments', [(1, 'Åben', 'Kort resume hovedoversigten august 2023', '90145/23')]),
    ('h2', 'Beslutning i Direktionen den 30-08-2023'),
    ('p', 'Direktionen gennemgik budgetopfølgning per ultimo august. Der blev givet en række bemærkninger til hovedoversigten. Økonomichef Bettina Andersen justerer til med de senest opdaterede tal og direktionens bemærkninger.'),

    ('h1', '3. Punkter til behandling'),
    ('meta', 'Åben sag'),
    ('h2', 'Sagsgang'),
    ('p', 'DIR'),
    ('h2', 'Sagsfremstilling'),
    ('p', 'I økonomiaftalen mellem regeringen og KL for 2019 understreges kommunernes rolle mht. at implementere verdensmålene lokalt igennem partnerskaber om bæredygtig lokal udvikling, og målene indgår f.eks. også som ramme for Region Midtjyllands udviklingsstrategi.'),
    ('p', "Direktionen i Norddjurs Kommune arbejder med FN's 17 verdensmål for bæredygtig udvikling som en overordnet begrebsramme, for at sikre fokus på at arbejde innovativt og fokusere på eksekvering og langsigtede effekter inden for kommunens forskellige fagområder som fx bosætning, omsorg, uddannelse, miljø, sundhed og infrastruktur."),
    ('p', 'Verdensmålene giver mulighed for at arbejde værdibåret og retningsskabende og kan styrke de tværgående perspektiver igennem et helhedsfokus på kommunen som samfund med en række emnemæssige udfordringer.'),
    ('p', 'På de områder, hvor det giver værdi, lader direktionen derfor verdensmålene fungere som kobling til konkrete udviklingsprojekter og tværfaglige samarbejdsformer, og lader dem være styrende for udviklingen af eksterne partnerskaber, samt inddragelse af borgere og civilsamfund.'),
    ('p', 'Direktionen arbejder med 5 minutters oplæg som metode til at kvalificere specifikke emner til behandling. Fagdirektørerne holder 5 minutters oplæg om aktuelle emner med strategisk op-hæng i direktionen, herunder eksempelvis relevante fagpolitikkers indhold, forinden politisk behandling i fagudvalgene.'),
    ('p', 'Direktionen har følgende øvrige punkter til behandling:'),
    ('table', ['Tid', 'Punkt'], [
        ['10.00', 'Projektforslag med ny model for anskaffelse og finansiering af IT-brugerudstyr – starter med Ipads. Chef for Borgerservice, IT og Digitalisering Tonny Olsen præsenterer et forslag til ny anskaffelsesmodel, der understøtter strategien med koncern-it, imødekommer ønsket om centralt ansvar for tidssvarende it-udstyr, og samtidig imødekommer et ønske fra organisationen om en jævn fordeling af decentrale it-udgifter over en årrække. Bilag er vedlagt.'],
        ['10.15', ['Kommissorium for den tværgående digitaliseringsorganisation', 'Chef for Borgerservice, IT og Digitalisering Tonny Olsen præsenterer den nuværende model for den tværgående digitaliseringsorganisation med forslag til, hvordan justeringer til organiseringen kan bidrage til en bedre anvendelse af de digitale muligheder i hele organisationen. Direktionen drøfter på den baggrund fremtidige muligheder i den tværgående digitaliseringsorganisation. Bilag er vedlagt.']],
    ], [0.14, 0.86]),
    ('h2', 'Indstilling'),
    ('p', 'Det indstilles, at punkterne behandles.'),
    ('h2', 'Bilag:'),
    ('table', None, [
        ['1', 'Åben', 'Kommissorium for Den Tværgående Digitaliseringsorganisation', '88814/23'],
        ['2', 'Åben', 'Leasing af IT-udstyr - notat Ipads', '88812/23'],
    ], [0.06, 0.1, 0.68, 0.16]),
    ('h2', 'Beslutning i Direktionen den 30-08-2023'),
    ('p', 'Direktionen havde følgende øvrige punkter til behandling:'),
    ('bullets', [
        'Projektforslag med ny model for anskaffelse og finansiering af IT-brugerudstyr – starter med Ipads. Chef for Borgerservice, IT og Digitalisering Tonny Olsen præsenterer et forslag til ny anskaffelsesmodel, der understøtter strategien med koncern-it, imødekommer ønsket om centralt ansvar for tidssvarende it-udstyr, og samtidig imødekommer et ønske fra organisationen om en jævn fordeling af decentrale it-udgifter over en årrække. Det vedlagte bilag blev godkendt. Der var endvidere en drøftelse af IT-pakker på tværs af organisationen.',
    ]),
    ('p', 'Det blev aftalt, at der udarbejdes et oplæg om IT-pakker til et kommende direktionsmøde. Chef for Borgerservice, IT og Digitalisering Tonny Olsen følger op.'),
    ('bullets', ['Kommissorium for den tværgående digitaliseringsorganisation']),
    ('p', 'Chef for Borgerservice, IT og Digitalisering Tonny Olsen præsenterede den nuværende model for den tværgående digitaliseringsorganisation med forslag til, hvordan justeringer til organiseringen kan bidrage til en bedre anvendelse af de digitale muligheder i hele organisationen. Direktionen drøftede på den baggrund fremtidige muligheder i den tværgående digitaliseringsorganisation samt hvad fokus for den nye gruppe bør være. Det blev aftalt, at chef for Tonny udarbejder en ny model for arbejdet med digitalisering i Norddjurs Kommune. Modellen præsenteres på et kommende møde i direktionen.'),

    ('h1', '4. Eventuelt, herunder punkter til næste møde'),
    ('meta', 'Åben sag'),
    ('h2', 'Sagsgang'),
    ('p', 'DIR'),
    ('table', ['Dato', ''], [
        ['6. Sep.', ['• Årligt dialogmøde med digitalisering og borgerservice Tonny Olsen', '• Direktionens årshjul 2023', '• Forebyggelse og håndtering af sygefravær', '• Vej- og Ejendomschef Kim Tommy Jensen præsenterer forskellige modeller for udviklingen af administrationen af kommunens ejendomme.', '• Finansieringen af fagudvalgenes rejseudgifter i forbindelse med studieture', '• APV for ledere']],
        ['13. Sep.', ['• DK2020 Konference d. 25. september', '• Udbetaling af 6. ferieuge', '• KB-håndbogen']],
        ['20. Sep.', ''],
        ['27. Sep.', ['• Årligt dialogmøde med kultur- og udviklingschef Trine Grejsen', '• Status på udviklingsprocessen på Socialområdet']],
        ['4. Okt.', ['• Direktionens årshjul 2023', '• Plan- og udviklingsstrategien']],
        ['11. Okt.', ['• Årligt dialogmøde med konstitueret socialchef Marie-Louise Eskerod Ifversen']],
        ['18. Okt.', 'Efterårsferie'],
        ['25. Okt.', ''],
        ['1. Nov.', ['• Årligt dialogmøde med sundheds- og omsorgschef d. 1. november 2023', '• Direktionen evaluerer midtvejs i valgperioden og forbereder den resterende del af valgperioden. Metoden er SWAT inspireret og kommunaldirektør og fagdirektører forbereder et kort oplæg som afsæt for fælles drøftelse.']],
        # the seed spills the second bullet onto a row without a date: put back into its row
        ['8. Nov.', ['• Direktionens årshjul 2023', '• Temamøde i Hovedudvalget d. 17. november.']],
        ['15. Nov.', ['• Arbejdsmiljødag d. 23. november']],
        ['22. Nov.', ['• Behandling af oplæg til udmøntningsplan. Fagdirektørerne gennemgår udmøntningsplanen for eget område med afsæt i særlige opmærksomhedspunkter og strategiske hensyn.']],
        ['29. Nov.', ['• Årligt dialogmøde med skole- og dagtilbudschef']],
        ['6. Dec.', ['• Direktionens årsplan samt den strategiske udmøntningsplan', '• Direktionens årshjul 2023', '• Status på Skovskolens udvidelse i Norrdjurs Kommune']],
        ['13. Dec.', ''],
        ['20. Dec.', ['• Årligt dialogmøde med sekretariatschef hos velfærdssekretariatet']],
    ], [0.16, 0.84]),
    ('h2', 'Sagsfremstilling'),
    ('p', 'Til de kommende direktionsmøder er der foreløbigt følgende punkter:'),
    ('p', 'Punkter som afventer dato:'),
    ('bullets', [
        'Regeringens lovprogram. Direktionen drøfter regeringens lovprogram med særligt fokus på indsatser, der relaterer sig til Norrdjurs Kommune.',
    ]),
    ('p', 'Drøftelse og fastlæggelse af Øvrige punkter til behandling under dagsordenens punkt 1 på det næste direktionsmøde.'),

    ('pagebreak',),
    ('h1', 'Bilagsoversigt'),
    ('index_item', '2. Økonomi'),
    ('index_att', '1. Kort resume hovedoversigten august 2023 (90145/23)'),
    ('index_item', '3. Punkter til behandling'),
    ('index_att', '1. Kommissorium for Den Tværgående Digitaliseringsorganisation (88814/23)'),
    ('index_att', '2. Leasing af IT-udstyr - notat Ipads (88812/23)'),

    ('pagebreak',),
    ('h1', 'Underskriftsside'),
    ('signature', ['Kommunaldirektør Vakant']),
    ('signature', ['Velfærdsdirektør Lene Mehlsen Thomsen']),
    # the document breaks this name over two lines
    ('signature', ['Fællesforvaltningsdirektør Kim Bruun', 'Nielsen']),
]
